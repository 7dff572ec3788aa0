"""Running work at the same moment in several threads, each on its own connection."""


def side_by_side(work, n=2):
    """Run `work` in `n` threads at the same moment, each on its own database connection;
    returns what each returned, or the name of what it raised."""
    import threading

    from django.db import connection

    start, outcomes = threading.Barrier(n), []

    def one():
        try:
            start.wait()
            outcomes.append(work())
        except Exception as e:  # noqa: BLE001 - the loser may be refused by the database
            outcomes.append(type(e).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes
