"""The writes `make bench` times: posting a comment beside the other writes an employee makes.

A comment's fan-out (notifications, emails, search indexing) is queued for the
worker, so its POST should answer in about the time of a reaction or a join.
Each write is sent as its form sends it, alternately to the page and back (a
reaction on then off, join then leave), so the data stays the same size. The
bench server has no worker: what the comments queue waits in the database.
"""

import uuid

import requests

from benchmarks import report, server

# The bench server lifts the conversation's rate limit (comments a minute) for its rounds.
COMMENT_RATE_LIMIT = 100_000


def timed_post(session: requests.Session, url: str, data: dict, timing: report.Timing) -> None:
    data = {**data, "csrfmiddlewaretoken": server.csrf_token(session)}
    server.timed(session, "POST", url, timing, expected=302, data=data)


def measure(base_url: str, session: requests.Session, found: dict, rounds: int):
    """Time `rounds` of each write, in turn; return the comment's timing and the others'."""
    discussion, community = found["discussion id"], found["community id"]
    comment = report.Timing("comment", f"/conversation/pages/{discussion}/comments/")
    reaction = report.Timing("reaction", f"/conversation/pages/{discussion}/react/")
    membership = report.Timing("join or leave", f"/communities/{community}/join/")
    for round_ in range(rounds):
        timed_post(
            session,
            base_url + comment.path,
            {"body": f"A benchmark comment, round {round_}.", "key": uuid.uuid4().hex},
            comment,
        )
        timed_post(session, base_url + reaction.path, {"kind": "like"}, reaction)
        verb = "leave" if round_ % 2 else "join"
        timed_post(session, f"{base_url}/communities/{community}/{verb}/", {}, membership)
    return comment, [reaction, membership]


def table(comment: report.Timing, others: list[report.Timing]) -> str:
    """Each write's median, p95 and queries, and whether the comment meets its target."""
    lines = ["| write | median ms | p95 ms | queries |", "| --- | ---: | ---: | ---: |"]
    for timing in (comment, *others):
        failed = f" ({len(timing.errors)} failed: {timing.errors[0]})" if timing.errors else ""
        lines.append(
            f"| {timing.name} (`POST {timing.path}`){failed} | {timing.median_ms:.1f} "
            f"| {timing.p95_ms:.1f} | {timing.queries_cell} |"
        )
    slowest = max(others, key=lambda timing: timing.median_ms)
    verdict = "meets" if comment.median_ms <= slowest.median_ms else "misses"
    return (
        "\n".join(lines)
        + f"\n\nPosting a comment {verdict} its target: a median at most that of the slowest "
        f"other write ({slowest.name}, {slowest.median_ms:.1f} ms).\n"
    )
