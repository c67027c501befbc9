"""A period's submissions for a synthetic district: every file the committees send, in one folder.

`make_period_submissions` writes a month (monthly tables, forwarded branch records,
adjustment filings); `make_quarter` adds the year plans and the quarterly summaries.
Both return a manifest: each file with its kind, unit, period, suggested arrival time
and the mistakes planted in it, so a test (or the demo) knows exactly what the kit
should find. The same seed gives the same cell values and texts.
"""

from __future__ import annotations

import dataclasses
import io
import json
import random
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from themeday_office.domain.forms.kinds import FormKind
from themeday_office.domain.period import Period
from themeday_office.domain.rules import Deadlines
from themeday_office.synthetic.activities import CommitteeMonth, month_of
from themeday_office.synthetic.district import SyntheticDistrict
from themeday_office.synthetic.layout import Layout
from themeday_office.synthetic.legacy_xls import xls_bytes
from themeday_office.synthetic.mistakes import ACTIVITY_MISTAKES, ROW_MISTAKES, Effect, Mistake, PlantedMistake
from themeday_office.synthetic.monthly_file import monthly_sheets
from themeday_office.synthetic.password import DEFAULT_PASSWORD, encrypt
from themeday_office.synthetic.plans import plan_of
from themeday_office.synthetic.sheet import xlsx_bytes
from themeday_office.synthetic.summaries import summary_of
from themeday_office.synthetic.word_forms import write_adjustment_docx, write_record_docx, write_summary_docx
from themeday_office.synthetic.workbook_forms import write_adjustment_xlsx, write_plan_xlsx

MistakePlan = Mapping[str, Collection[Mistake]]  # committee -> mistakes

_MONTH_FORMS = (FormKind.MONTHLY, FormKind.RECORD, FormKind.ADJUSTMENT)
_FILE_MISTAKES = (Mistake.ENCRYPTED, Mistake.LEGACY_XLS, Mistake.LATE_MONTHLY)
_CLERICAL = ROW_MISTAKES - ACTIVITY_MISTAKES - {Mistake.NOT_HELD}  # the table is wrong, not the branch
_ADJUSTED_SHARE = 0.1  # committees that move their date, properly filed, in a month


@dataclass(frozen=True)
class GeneratedFile:
    path: Path
    kind: FormKind
    unit: str  # the committee (or group, for a plan) that sends it
    period: Period
    planted: tuple[PlantedMistake, ...] = ()
    arrives: datetime | None = None  # when it reaches the department
    branch: str | None = None  # a record's branch
    version: int = 1  # 2: the corrected resubmission
    password: str | None = None  # the opening password of an encrypted file

    def to_dict(self, root: Path | None = None) -> dict:
        return {
            "path": str(self.path.relative_to(root) if root else self.path),
            "kind": self.kind.value,
            "unit": self.unit,
            "period": str(self.period),
            "arrives": self.arrives.isoformat(timespec="minutes") if self.arrives else None,
            "branch": self.branch,
            "version": self.version,
            "password": self.password,
            "planted": [
                {
                    "mistake": p.mistake.value,
                    "zh": p.mistake.zh,
                    "effect": p.mistake.effect.value,
                    "branch": p.branch,
                    "place": p.place,
                }
                for p in self.planted
            ],
        }


def write_manifest(files: list[GeneratedFile], path: Path) -> None:
    """The manifest as JSON (UTF-8, Chinese kept readable), paths relative to its folder."""
    rows = [f.to_dict(path.parent) for f in files]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def make_period_submissions(
    district: SyntheticDistrict,
    period: Period,
    out_dir: Path,
    *,
    seed: int = 0,
    mistakes: MistakePlan | None = None,
    record_sample: int = 1,
    adjusted: Collection[str] | None = None,
    layouts: Mapping[str, Layout] | None = None,
) -> list[GeneratedFile]:
    """Every committee's files for a month: its monthly table, `record_sample` branch records,
    and an adjustment filing where it moves its date.

    `mistakes` plants mistakes per committee (all others send perfect files); `adjusted`
    names the committees that move their date with a proper filing (default: about one in
    ten, from the seed); `layouts` fixes a committee's layout (default: varied, from the
    seed, the same every month).
    """
    files, _ = _month(district, period, Path(out_dir), seed, mistakes or {}, record_sample, adjusted, layouts or {})
    return files


def make_quarter(
    district: SyntheticDistrict,
    quarter: Period,
    out_dir: Path,
    *,
    seed: int = 0,
    mistakes: Mapping[Period, MistakePlan] | None = None,
    record_sample: int = 1,
    plans: bool = True,
    layouts: Mapping[str, Layout] | None = None,
) -> list[GeneratedFile]:
    """A quarter's files: the year plans (with `plans`), three months, and the summaries.

    `mistakes` is keyed by period: each month of the quarter for the monthly forms, the
    quarter itself for the summaries (see `typical_mistakes`).
    """
    if quarter.kind != "quarter":
        raise ValueError(f"make_quarter needs a quarter, not {quarter}")
    mistakes = mistakes or {}
    for key, plan in mistakes.items():
        if key != quarter and not (key.kind == "month" and quarter.contains(key)):
            raise ValueError(f"mistakes for {key} are outside {quarter}")
        if key == quarter:
            _check_forms(plan, (FormKind.SUMMARY,), "a quarter's summaries")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[GeneratedFile] = []
    if plans:
        year = Period.of_year(quarter.year)
        for unit in district.plan_units():
            year_plan = plan_of(district, unit, quarter.year, rng=random.Random(f"{seed}/{unit}/{year}"))
            path = out / f"{unit}{quarter.year}年主题党日活动计划表.xlsx"
            write_plan_xlsx(year_plan, path)
            files.append(GeneratedFile(path, FormKind.PLAN, unit, year, arrives=year_plan.arrives))
    by_committee: dict[str, list[CommitteeMonth]] = {}
    for month in quarter.months():
        month_files, months = _month(
            district, month, out, seed, mistakes.get(month, {}), record_sample, None, layouts or {}
        )
        files += month_files
        for m in months:
            by_committee.setdefault(m.committee.name, []).append(m)
    summary_mistakes = mistakes.get(quarter, {})
    for name, months in by_committee.items():
        summary = summary_of(
            district, months, mistakes=summary_mistakes.get(name, ()), rng=random.Random(f"{seed}/{name}/{quarter}")
        )
        path = out / f"{name}{quarter.year}年第{'一二三四'[quarter.number - 1]}季度主题党日活动开展情况总结.docx"
        planted = write_summary_docx(summary, path)
        files.append(GeneratedFile(path, FormKind.SUMMARY, name, quarter, tuple(planted), summary.arrives))
    return files


def typical_mistakes(
    district: SyntheticDistrict, quarter: Period, *, seed: int = 0
) -> dict[Period, dict[str, set[Mistake]]]:
    """Every mistake once in the quarter, each in a different committee's month where the
    month has committees enough: mostly good files, with the mistakes clerks really see."""
    rng = random.Random(f"{seed}/{quarter}/mistakes")
    plan: dict[Period, dict[str, set[Mistake]]] = {}
    committees = [c.name for c in district.committees]
    # Row mistakes need a branch each; a committee with a handful of branches takes the file ones.
    roomy = [c for c in committees if len(district.branches_of(c)) >= 4] or committees
    months = quarter.months()
    monthly = [m for m in Mistake if m.form is not FormKind.SUMMARY]
    rng.shuffle(monthly)
    alone = {Mistake.ENCRYPTED, Mistake.LEGACY_XLS}  # kept apart, so the other mistakes stay readable
    for i, m in enumerate(monthly):
        month = plan.setdefault(months[i % len(months)], {})
        fits = [c for c in roomy if not month.get(c, set()) & alone and not (m in alone and month.get(c))]
        fresh = [c for c in fits if c not in month]
        committee = rng.choice(fresh or fits)
        month.setdefault(committee, set()).add(m)
    last = plan.setdefault(quarter, {})
    for m, committee in zip(
        (Mistake.LATE_SUMMARY, Mistake.SUMMARY_MISSING_SECTION), rng.sample(committees, 2), strict=False
    ):
        last.setdefault(committee, set()).add(m)
    return plan


# -- one month -----------------------------------------------------------------------------------


def _month(
    district: SyntheticDistrict,
    period: Period,
    out: Path,
    seed: int,
    mistakes: MistakePlan,
    record_sample: int,
    adjusted: Collection[str] | None,
    layouts: Mapping[str, Layout],
) -> tuple[list[GeneratedFile], list[CommitteeMonth]]:
    if period.kind != "month":
        raise ValueError(f"a month's submissions need a month, not {period}")
    for committee, planted in mistakes.items():
        if district.roster.committee(committee) is None:
            raise KeyError(f"{committee} is not in the district")
        _check_forms({committee: planted}, _MONTH_FORMS, "a month's forms (summaries: use make_quarter)")
        if {Mistake.ENCRYPTED, Mistake.LEGACY_XLS} <= set(planted):
            raise ValueError("an .xls cannot carry the OOXML password protection: plant ENCRYPTED or LEGACY_XLS")
    out.mkdir(parents=True, exist_ok=True)
    if adjusted is None:
        pick = random.Random(f"{seed}/{period}/adjusted")
        adjusted = {c.name for c in district.committees if pick.random() < _ADJUSTED_SHARE}
    files: list[GeneratedFile] = []
    months: list[CommitteeMonth] = []
    for c in district.committees:
        name = c.name
        planted = set(mistakes.get(name, ()))
        rng = random.Random(f"{seed}/{name}/{period}")
        layout = layouts.get(name) or Layout.varied(random.Random(f"{seed}/{name}/layout"))
        resubmitted = Mistake.RESUBMISSION in planted
        errors = {m for m in planted if m.effect is Effect.ERROR and m.form is FormKind.MONTHLY}
        if resubmitted and not errors:
            planted.add(Mistake.PRESENT_EXCEEDS_EXPECTED)  # the first version needs something to correct
        month = month_of(district, name, period, mistakes=planted, adjusted=name in adjusted, rng=rng)
        months.append(month)
        if month.adjustment is not None:
            files.append(_adjustment_file(month, out, rng))

        stem = f"{name}{period.year}年{period.number}月主题党日活动开展情况统计表"
        final = month
        if resubmitted:
            first = _monthly_file(month, out / stem, layout, planted, rng, version=1)
            files.append(first)
            final = dataclasses.replace(_corrected(month), arrives=_resent(month))
            kept = {m for m in planted if m in _FILE_MISTAKES and m is not Mistake.ENCRYPTED}
            files.append(
                _monthly_file(final, out / f"{stem}（修改后）", layout, kept | {Mistake.RESUBMISSION}, rng, version=2)
            )
        else:
            files.append(_monthly_file(month, out / stem, layout, planted, rng, version=1))
        if Mistake.DUPLICATE_FILE in planted:
            original = files[-1]
            copy = original.path.with_name(f"{original.path.stem}(1){original.path.suffix}")
            copy.write_bytes(original.path.read_bytes())
            files.append(
                dataclasses.replace(
                    original,
                    path=copy,
                    planted=(PlantedMistake(Mistake.DUPLICATE_FILE),),
                    arrives=original.arrives + timedelta(minutes=rng.randint(10, 90)) if original.arrives else None,
                )
            )
        files += _record_files(final, out, record_sample, Mistake.RECORDS_ZIP in planted, rng)
    return files, months


def _check_forms(plan: MistakePlan, forms: tuple[FormKind, ...], where: str) -> None:
    for committee, planted in plan.items():
        wrong = [m.value for m in planted if m.form not in forms]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} cannot be planted in {where} ({committee})")


def _monthly_file(
    month: CommitteeMonth, stem: Path, layout: Layout, planted: set[Mistake], rng: random.Random, *, version: int
) -> GeneratedFile:
    sheets, where = monthly_sheets(month, layout)
    file_level = [
        PlantedMistake(m) for m in sorted(planted & {*_FILE_MISTAKES, Mistake.RESUBMISSION}, key=list(Mistake).index)
    ]
    password = None
    if Mistake.LEGACY_XLS in planted:
        path, data = stem.with_suffix(".xls"), xls_bytes(sheets)
    elif Mistake.ENCRYPTED in planted:
        path, data, password = stem.with_suffix(".xlsx"), encrypt(xlsx_bytes(sheets), rng=rng), DEFAULT_PASSWORD
        where = []  # nothing inside can be read without the password
    else:
        path, data = stem.with_suffix(".xlsx"), xlsx_bytes(sheets)
    path.write_bytes(data)
    return GeneratedFile(
        path,
        FormKind.MONTHLY,
        month.committee.name,
        month.period,
        tuple(where + file_level),
        month.arrives,
        version=version,
        password=password,
    )


def _resent(month: CommitteeMonth) -> datetime:
    """The next day, or a few hours later when the next day would be past the deadline."""
    deadline = month.district_date + timedelta(days=Deadlines().monthly_days_after)
    next_day = month.arrives + timedelta(days=1)
    late = Mistake.LATE_MONTHLY in month.mistakes
    return next_day if late or next_day.date() <= deadline else month.arrives + timedelta(hours=2)


def _corrected(month: CommitteeMonth) -> CommitteeMonth:
    """The month as resent: every row as it happened, the header's month right."""
    return dataclasses.replace(
        month,
        rows=month.truth,
        missing=(),
        header_period=month.period,
        mistakes=frozenset(m for m in month.mistakes if m.effect is not Effect.ERROR),
    )


def _adjustment_file(month: CommitteeMonth, out: Path, rng: random.Random) -> GeneratedFile:
    a = month.adjustment
    assert a is not None
    stem = out / f"{a.committee.name}关于调整{a.period.number}月主题党日活动日期的备案表"
    if rng.random() < 0.7:
        path = stem.with_suffix(".docx")
        planted = write_adjustment_docx(a, path)
    else:
        path = stem.with_suffix(".xlsx")
        planted = write_adjustment_xlsx(a, path)
    return GeneratedFile(path, FormKind.ADJUSTMENT, a.committee.name, a.period, tuple(planted), a.arrives)


def _record_files(
    month: CommitteeMonth, out: Path, sample: int, zipped: bool, rng: random.Random
) -> list[GeneratedFile]:
    # A branch whose row the clerk got wrong still keeps a right record: records come from the truth.
    clerical = {d.branch.name for d in month.rows if d.mistakes & _CLERICAL} | {b.name for b in month.missing}
    eligible = [d for d in month.truth if d.held and d.branch.name not in clerical]
    chosen = rng.sample(eligible, min(sample, len(eligible)))
    if not chosen:
        return []
    arrives = month.arrives + timedelta(minutes=rng.randint(1, 30))
    n = month.period.number
    if not zipped:
        files = []
        for d in chosen:
            path = out / f"{d.branch.name}{n}月主题党日活动记录表.docx"
            planted = write_record_docx(d, month, path)
            files.append(
                GeneratedFile(
                    path, FormKind.RECORD, month.committee.name, month.period, tuple(planted), arrives, d.branch.name
                )
            )
        return files
    members, planted = [], [PlantedMistake(Mistake.RECORDS_ZIP)]
    for d in chosen:
        buffer = io.BytesIO()
        planted += write_record_docx(d, month, buffer)
        members.append((f"{d.branch.name}{n}月主题党日活动记录表.docx", buffer.getvalue()))
    path = out / f"{month.committee.name}{n}月主题党日活动记录表.zip"
    write_zip(members, path, gbk_names=rng.random() < 0.5)
    return [GeneratedFile(path, FormKind.RECORD, month.committee.name, month.period, tuple(planted), arrives)]


class _GbkName(zipfile.ZipInfo):
    """An entry whose name is stored in GBK without the UTF-8 flag, as WinRAR and the Windows
    shell on a Chinese system write it."""

    def _encodeFilenameFlags(self):  # zipfile's hook for the stored name and its flags
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(members: list[tuple[str, bytes]], path: Path, *, gbk_names: bool = False) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = (_GbkName if gbk_names else zipfile.ZipInfo)(name, date_time=(2017, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
