"""Why a file could not be read: a stable code for the program, a Chinese sentence for the clerk."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Each message says what is wrong and what the sender should do; {fields} come from the raiser.
# Library wording (often English) stays out of them: it travels in ReadError.details["detail"].
MESSAGES: dict[str, str] = {
    "empty": "文件是空的（0 字节），请重新报送",
    "too_large": "文件大小 {size_mb:.1f} MB，超过上限 {limit_mb:g} MB，请删除无关内容后重新报送",
    "unknown_format": "无法识别的文件格式，请以 Excel（.xlsx）或 Word（.docx）格式报送",
    "corrupt": "文件已损坏或不完整，无法打开；请用 Excel 或 WPS 重新保存后报送",
    "encrypted": "文件已加密，请去除密码后重新报送",
    "zip_bomb": "压缩内容异常（{detail}），疑似压缩炸弹，已拒收；请直接报送原表格文件",
    "xml_bomb": "文件内部结构异常（含有不允许的 XML 实体定义），已拒收；请用 Excel 或 WPS 另存为新文件后报送",
    "nested_archive": "压缩包内又含压缩包，无法读取；请解压后直接报送其中的表格文件",
    "is_archive": "这是一个压缩包，请逐个读取其中的文件",
    "empty_archive": "压缩包里没有可读取的文件；请把报表文件直接报送",
    "absurd_range": "工作表“{sheet}”的内容延伸到 {cell}，超出正常表格范围；"
    "请删除多余的行列（或复制表格到新文件）后重新报送",
    "too_many_rows": "工作表“{sheet}”的数据超过 {limit} 行，远多于任何报表；请确认是否报错了文件",
    "parser_crashed": "读取文件时解析程序异常退出（文件可能已损坏或经过特殊构造）；"
    "请用 Excel 或 WPS 另存为 .xlsx/.docx 后重新报送",
    "parser_timeout": "读取文件超过 {seconds:g} 秒仍未完成，已中止；请用 Excel 或 WPS 另存为 .xlsx/.docx 后重新报送",
    "libreoffice_missing": "本机未安装 LibreOffice，无法读取 {kind} 格式；"
    "请报送方用 Excel 或 WPS 另存为 {target} 后重新报送",
    "conversion_failed": "{kind} 格式转换失败（{detail}）；请报送方用 Excel 或 WPS 另存为 {target} 后重新报送",
    "check_failed": "审核时程序出错（{error}），文件已保留；请把文件发给技术人员",
    "cannot_open": "无法打开文件（{reason}）",
}


class ReadError(Exception):
    """A file that cannot be read; ``code`` is stable, ``message`` is for the clerk."""

    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details
        self.message = MESSAGES[code].format(**details)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only details need an explicit recipe to cross a process boundary.
        return (_rebuild, (self.code, self.details))

    def __repr__(self) -> str:
        return f"ReadError({self.code!r}, {self.message!r})"


def _rebuild(code: str, details: dict[str, Any]) -> ReadError:
    return ReadError(code, **details)


@contextmanager
def corrupt_on_failure(what: str) -> Iterator[None]:
    """Any exception inside becomes ReadError('corrupt'), its type and text kept in the detail.

    zipfile, the OLE walk and the native parsers raise whatever a malformed structure trips on
    (ValueError for a negative seek, NotImplementedError for "zip file version 25.5",
    UnicodeDecodeError for a member name, struct.error...), and a Rust parser's panic arrives as
    pyo3's PanicException, a BaseException. No list of types is complete, so "it raised" is
    taken as the sign that the file is broken. MemoryError is left alone: in a parser process it
    means the file asked for too much (parser_crashed), not that it is malformed.
    """
    try:
        yield
    except (ReadError, MemoryError):
        raise
    except Exception as exc:
        raise ReadError("corrupt", detail=f"{what}：{type(exc).__name__}: {exc}"[:200]) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise  # KeyboardInterrupt, SystemExit: not the file's doing
        raise ReadError("corrupt", detail=f"{what}：解析程序内部错误 {exc}"[:200]) from exc


def check_failed(error: BaseException) -> ReadError:
    """A file whose check raised: a bug met on this file's contents, kept as this file's message."""
    return ReadError("check_failed", error=type(error).__name__, detail=f"{type(error).__name__}: {error}"[:500])


def cannot_open(error: OSError) -> ReadError:
    """A file the system would not give us: the clerk's words for the usual reasons."""
    if isinstance(error, PermissionError):
        reason = "没有读取权限"
    elif isinstance(error, FileNotFoundError):
        reason = "文件已不在"
    elif isinstance(error, IsADirectoryError):
        reason = "这是一个文件夹"
    else:
        reason = f"系统错误 {error.errno}" if error.errno else "系统错误"
    return ReadError("cannot_open", reason=reason, detail=str(error)[:200])
