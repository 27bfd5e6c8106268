import contextlib
import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve with runserver, with a task worker and the scheduler beside it; "
        "Ctrl-C, or any of them stopping, stops all three."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, sys.argv[0]]
        commands = [["runserver", addrport], ["run_worker"], ["run_schedule", "--loop"]]
        # Each runs in a session of its own, so that stopping one stops the
        # child its autoreloader started too, and Ctrl-C reaches only this
        # command, which then stops them in order.
        processes = [
            subprocess.Popen([*manage, *command], start_new_session=True)  # noqa: S603 (our own interpreter)
            for command in commands
        ]
        # A process manager stops with SIGTERM: treated as Ctrl-C, which is
        # listened to even when started in the background (which ignores it).
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            # A second Ctrl-C must not leave the others running.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            for process in processes:
                # The group outlives a stopped autoreloader while its child runs.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait()
