"""A synthetic district and its submissions, for the tests, the benchmarks and the demo.

A producer of input files: it builds on the domain and writes xlsx, xls and docx, and
never reads them back (it imports nothing from readers, ingest, ledger or cli).

    district = make_district(seed=2017)                      # 惠济区, about 400 branches
    write_roster_xlsx(district, inbox / "组织架构.xlsx")
    q1 = Period.of_quarter(2017, 1)
    files = make_quarter(district, q1, inbox, seed=1, mistakes=typical_mistakes(district, q1, seed=1))
    write_manifest(files, inbox / "manifest.json")
"""

from themeday_office.synthetic.activities import Adjustment, BranchDay, CommitteeMonth, month_of
from themeday_office.synthetic.district import SyntheticDistrict, make_district
from themeday_office.synthetic.layout import Layout
from themeday_office.synthetic.mistakes import Effect, Mistake, PlantedMistake
from themeday_office.synthetic.monthly_file import write_monthly_xls, write_monthly_xlsx
from themeday_office.synthetic.password import DEFAULT_PASSWORD
from themeday_office.synthetic.plans import YearPlan, plan_of
from themeday_office.synthetic.submissions import (
    GeneratedFile,
    make_period_submissions,
    make_quarter,
    typical_mistakes,
    write_manifest,
)
from themeday_office.synthetic.summaries import QuarterSummary, summary_of
from themeday_office.synthetic.word_forms import write_adjustment_docx, write_record_docx, write_summary_docx
from themeday_office.synthetic.workbook_forms import write_adjustment_xlsx, write_plan_xlsx, write_roster_xlsx

__all__ = [
    "DEFAULT_PASSWORD",
    "Adjustment",
    "BranchDay",
    "CommitteeMonth",
    "Effect",
    "GeneratedFile",
    "Layout",
    "Mistake",
    "PlantedMistake",
    "QuarterSummary",
    "SyntheticDistrict",
    "YearPlan",
    "make_district",
    "make_period_submissions",
    "make_quarter",
    "month_of",
    "plan_of",
    "summary_of",
    "typical_mistakes",
    "write_adjustment_docx",
    "write_adjustment_xlsx",
    "write_manifest",
    "write_monthly_xls",
    "write_monthly_xlsx",
    "write_plan_xlsx",
    "write_record_docx",
    "write_roster_xlsx",
    "write_summary_docx",
]
