"""The labels of the `themes` form (年度指导性主题 as an xlsx): one row per numbered item."""

from themeday_office.domain.labels import Label

THEMES_COLUMNS = (
    Label("月份", required=True, aliases=("月",)),
    Label("日期", aliases=("主题党日", "活动日期")),
    Label("序号", required=True, aliases=("编号", "主题序号")),
    Label("活动内容", required=True, aliases=("活动主题", "主题", "内容")),
)
