"""The jobs of this project, as data: adding a row adds a job to every stack."""

from typing import NamedTuple


class JobRow(NamedTuple):
    name: str
    type: str
    params: str
    description: str
    prod_only: bool = False
    after: tuple[str, ...] = ()
    """The jobs it waits for in the stack's flow."""


JOBS = (
    JobRow("load-users", "SPARK", "--class com.example.LoadUsers app.jar", "Load the users table"),
    JobRow("load-orders", "SPARK", "--class com.example.LoadOrders app.jar", "Load orders"),
    JobRow(
        "daily-kpis",
        "HIVE_SQL",
        "INSERT OVERWRITE TABLE kpis SELECT * FROM kpi_view WHERE dt='${date}'",
        "Daily KPI table",
        after=("load-users", "load-orders"),
    ),
    JobRow(
        "weekly-report",
        "SPARK_SQL",
        "SELECT region, sum(amount) FROM orders GROUP BY region",
        "Weekly report for finance",
        prod_only=True,
        after=("daily-kpis",),
    ),
)

# When each stack's flow runs (Quartz, seconds first): dev on weekday mornings to try changes,
# prod every night. `python -m pulumi_emrflow plan examples/multi-env --stack prod` shows them.
SCHEDULES = {"dev": "0 0 6 ? * MON-FRI", "prod": "0 30 1 * * ?"}
