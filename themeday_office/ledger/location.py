"""Is a folder on a network file system? SQLite's locking is unreliable there."""

from __future__ import annotations

import os
from pathlib import Path

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "sshfs",
               "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone"}


def is_network_path(path: Path) -> bool:
    """Best effort: True for UNC/mapped network drives on Windows, network mounts on Linux."""
    path = Path(path).resolve()
    if os.name == "nt":
        return _windows_remote(path)
    return _mount_fs_type(path) in _NETWORK_FS


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):
        return True
    try:
        import ctypes

        DRIVE_REMOTE = 4
        # ctypes.windll exists on Windows only, and the type checker checks for Linux.
        drive_type: int = ctypes.windll.kernel32.GetDriveTypeW(f"{path.drive}\\")  # type: ignore[attr-defined]
        return drive_type == DRIVE_REMOTE
    except (AttributeError, OSError):
        return False


def _mount_fs_type(path: Path) -> str:
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    best, fstype = "", ""
    text = str(path)
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype
