"""Background tasks of tracing (django-tasks), run like the exports' (reports.tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_matching(batch_id: int) -> str:
    """Match one imported list against the registry; its status and progress are on it."""
    from reintegra.tracing.services import batch_match_run

    return batch_match_run(batch_id=batch_id).status
