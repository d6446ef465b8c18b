"""The jobs of this project, as data: adding a row adds a job to every stack."""

from typing import NamedTuple


class JobRow(NamedTuple):
    name: str
    type: str
    params: str
    description: str
    prod_only: bool = False


JOBS = (
    JobRow("load-users", "SPARK", "--class com.example.LoadUsers app.jar", "Load the users table"),
    JobRow("load-orders", "SPARK", "--class com.example.LoadOrders app.jar", "Load orders"),
    JobRow(
        "daily-kpis",
        "HIVE_SQL",
        "INSERT OVERWRITE TABLE kpis SELECT * FROM kpi_view WHERE dt='${date}'",
        "Daily KPI table",
    ),
    JobRow(
        "weekly-report",
        "SPARK_SQL",
        "SELECT region, sum(amount) FROM orders GROUP BY region",
        "Weekly report for finance",
        prod_only=True,
    ),
)
