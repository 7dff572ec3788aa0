"""What the running system records about itself: the Celery workers' heartbeats."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """Written by a Celery task so operators (and /health/) can see workers are alive."""

    hostname = models.CharField(max_length=200)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
