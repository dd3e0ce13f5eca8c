"""Background tasks (django-tasks): run by `reintegra worker`, by the demo's worker thread, or at
once where the immediate backend is configured (the tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_export(job_id: int) -> str:
    """Prepare one export job's file; its status, progress and error are on the job."""
    from reintegra.reports.services import export_job_run

    return export_job_run(job_id=job_id).status
