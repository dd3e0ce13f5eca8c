"""The task worker inside a running process: the demo serves pages and prepares exports in one
process, without a separate `reintegra worker`."""

from __future__ import annotations

import threading

from django.utils.crypto import get_random_string


def worker(*, batch: bool = False, interval: float = 1.0):
    """django-tasks' database worker for the default queue, without signal handling."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"in-process-{get_random_string(12)}",
        excluded_queue_names=[],
    )


def start_worker_thread() -> threading.Thread:
    """Run a worker in a daemon thread; it stops with the process."""
    thread = threading.Thread(target=worker().run, name="reintegra-worker", daemon=True)
    thread.start()
    return thread
