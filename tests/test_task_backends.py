"""Background tasks wait in the intranet's database unless TASKS_BACKEND=redis names Redis."""

from intranet.settings.base import tasks_config
from tests.helpers import run_manage


def test_the_database_backend_is_the_default():
    tasks, apps, queues = tasks_config("database", "redis://127.0.0.1:6379/0")
    assert tasks == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert (apps, queues) == ([], {})


def test_redis_queues_tasks_on_redis_url():
    tasks, apps, queues = tasks_config("redis", "redis://cache.internal:6379/2")
    assert tasks["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert apps == ["django_rq", "django_tasks_rq"]
    assert queues == {"default": {"URL": "redis://cache.internal:6379/2"}}


def test_redis_without_redis_url_stops_with_one_line():
    result = run_manage("check", TASKS_BACKEND="redis", REDIS_URL="")
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: TASKS_BACKEND=redis needs REDIS_URL."


def test_an_unknown_backend_is_named():
    result = run_manage("check", TASKS_BACKEND="celery")
    assert result.returncode == 1
    assert "TASKS_BACKEND must be database or redis, not 'celery'" in result.stderr
