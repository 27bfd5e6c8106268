"""The periodic jobs are written once, with their times, and each run is queued once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_tasks.base import Task

from django.core.management import call_command
from django.utils.module_loading import import_string

from intranet.models import ScheduledRun, WorkerHeartbeat
from intranet.schedules import MINUTE, SCHEDULE, Job, queue_due_jobs

PARIS = ZoneInfo("Europe/Paris")
# A Wednesday.
WEDNESDAY_0712 = datetime.datetime(2026, 3, 11, 7, 12, 30, tzinfo=PARIS)


def at(day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=PARIS)


def test_every_job_names_a_task_and_its_own_name():
    assert len({job.name for job in SCHEDULE}) == len(SCHEDULE)
    for job in SCHEDULE:
        assert isinstance(import_string(job.task), Task), job.task
        assert (job.every is None) != (job.at is None), job.name


@pytest.mark.parametrize(
    ("job", "slot"),
    [
        (Job("often", "t", every=5 * MINUTE), at(11, 7, 10)),
        (Job("morning", "t", at=datetime.time(7, 0)), at(11, 7, 0)),
        # Not yet today: yesterday's.
        (Job("evening", "t", at=datetime.time(22, 0)), at(10, 22, 0)),
        (Job("monday", "t", at=datetime.time(7, 0), weekday=0), at(9, 7, 0)),
        (Job("wednesday later", "t", at=datetime.time(8, 0), weekday=2), at(4, 8, 0)),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_the_latest_slot_is_the_last_time_the_job_was_due(job, slot):
    assert job.latest_slot(WEDNESDAY_0712) == slot


def test_each_slot_is_queued_once_however_many_servers_ask(db):
    # The test settings run each task as it is queued, and the pruning would
    # delete these runs of a past date.
    schedule = [job for job in SCHEDULE if job.name != "prune-task-records"]
    first = queue_due_jobs(WEDNESDAY_0712, schedule)
    assert {run.job for run in first} == {job.name for job in schedule}
    assert all(run.task_result_id for run in first)
    # A second server, in the same minute.
    assert queue_due_jobs(WEDNESDAY_0712, schedule) == []
    # Five minutes later the heartbeat and the emails are due again, and nothing else.
    later = [run.job for run in queue_due_jobs(WEDNESDAY_0712 + 5 * MINUTE, schedule)]
    assert sorted(later) == ["heartbeat", "notification-emails"]
    assert ScheduledRun.objects.count() == len(schedule) + 2


def test_the_command_queues_what_is_due_and_the_worker_runs_it(db):
    call_command("run_schedule", verbosity=0)
    # The test settings run each task as it is queued.
    assert WorkerHeartbeat.objects.count() == 1
    assert ScheduledRun.objects.filter(job="insights-rollup").exists()
