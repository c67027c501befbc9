"""The office's choices for its documents: fonts, red, the star. A settings section.

Pure pydantic, no python-docx: the workspace settings can mount it as `[document]`.
Offices differ in which fonts they have installed (方正小标宋简体 or 小标宋, 仿宋_GB2312 or
仿宋), so every font is a name the clerk may change.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class DocumentStyle(BaseModel):
    """Fonts and colours of official documents (GB/T 9704-2012)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title_font: str = Field(
        "方正小标宋简体", min_length=1, description="公文标题和发文机关标志的字体（默认 方正小标宋简体）"
    )
    text_font: str = Field(
        "仿宋_GB2312",
        min_length=1,
        description="正文字体，也用于三、四级标题和版记（默认 仿宋_GB2312；未安装时可改为 仿宋）",
    )
    heading1_font: str = Field("黑体", min_length=1, description="一级标题“一、”和“附件”二字的字体（默认 黑体）")
    heading2_font: str = Field(
        "楷体_GB2312", min_length=1, description="二级标题“（一）”的字体（默认 楷体_GB2312；未安装时可改为 楷体）"
    )
    page_number_font: str = Field("宋体", min_length=1, description="页码字体（默认 宋体）")
    red: str = Field(
        "FF0000", pattern=r"^[0-9A-Fa-f]{6}$", description="发文机关标志和分隔线的红色，六位十六进制 RGB（默认 FF0000）"
    )
    star: bool = Field(True, description="红色分隔线中间是否加五角星（党的机关惯例，默认 true）")
    organ_mark_pt: float = Field(
        36, ge=16, le=72, description="发文机关标志字号（磅，默认 36 即小初）；字多时自动压缩字宽，不超出版心"
    )

    @field_validator("title_font", "text_font", "heading1_font", "heading2_font", "page_number_font")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        value = value.strip()
        if not value or any(ord(ch) < 32 for ch in value):
            raise ValueError("字体名称不能为空，也不能含控制字符")
        return value

    @field_validator("red")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()
