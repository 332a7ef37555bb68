#!/usr/bin/env python3
"""Builds a Python wheel that ships a built decycle binary, as ruff's and
maturin's wheels ship theirs: `pip install decycle-*.whl` puts the binary in
the environment's bin/ (it is the wheel's decycle-VERSION.data/scripts/decycle)
and a small `decycle` package makes `python -m decycle` run it.

The binary is linked against the system's libtree-sitter and libpcre2, so the
wheel is tagged linux_<arch> (the machine's own distribution), never
manylinux. The architecture is read from the binary's ELF header. Standard
library only; the output is the same bytes for the same inputs (files in a
fixed order, fixed timestamps, SOURCE_DATE_EPOCH if set).

usage: build_wheel.py --binary PATH --version X.Y.Z [--out DIR] [--plat-name TAG]
"""
import argparse
import base64
import csv
import hashlib
import io
import os
import re
import stat
import struct
import sys
import time
import zipfile

NAME = "decycle"
SUMMARY = "Find and break the import-time import cycles of a Python project"

# ELF e_machine -> the machine name of a linux_<arch> platform tag (PEP 425,
# as sysconfig.get_platform() spells it on that machine).
ELF_MACHINES = {3: "i686", 40: "armv7l", 62: "x86_64", 183: "aarch64", 22: "s390x", 243: "riscv64"}

INIT_PY = '''"""decycle: finds the decycle binary this wheel installed."""
import os
import sys
import sysconfig


def find_decycle_bin():
    """Returns the path of the decycle binary installed with this package:
    in the environment's scripts folder, the user scheme's (pip --user), or
    the bin/ beside the package's folder (pip --target)."""
    exe = "decycle" + (sysconfig.get_config_var("EXE") or "")
    user = sysconfig.get_preferred_scheme("user") if sys.version_info >= (3, 10) else "posix_user"
    dirs = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", user),
            os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin")]
    for d in dirs:
        path = os.path.join(d, exe)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError("no decycle binary in " + ", ".join(dirs))
'''

MAIN_PY = '''"""python -m decycle: runs the decycle binary with the same arguments."""
import os
import sys

from decycle import find_decycle_bin

if __name__ == "__main__":
    binary = find_decycle_bin()
    os.execv(binary, [binary, *sys.argv[1:]])
'''

DESCRIPTION = """decycle finds the import-time import cycles of a Python project, the ones that
end in `ImportError: cannot import name ... from partially initialized module`,
and rewrites them away (`decycle --diff`, `decycle --apply`). It is a C program;
this wheel ships its binary, built for one Linux distribution: it needs that
distribution's libtree-sitter and libpcre2-8.
"""


def elf_platform(path):
    """Returns the linux_<arch> tag of the ELF executable at path, or raises
    ValueError when it is not an ELF file of a known machine."""
    with open(path, "rb") as f:
        head = f.read(20)
    if len(head) < 20 or head[:4] != b"\x7fELF":
        raise ValueError(f"'{path}' is not an ELF executable; give --plat-name")
    little = head[5] == 1
    machine = struct.unpack("<H" if little else ">H", head[18:20])[0]
    if machine == 21:  # EM_PPC64
        arch = "ppc64le" if little else "ppc64"
    elif machine in ELF_MACHINES:
        arch = ELF_MACHINES[machine]
    else:
        raise ValueError(f"'{path}': unknown ELF machine {machine}; give --plat-name")
    return "linux_" + arch


def record_hash(data):
    """The RECORD form of a file's hash: sha256, urlsafe base64 without padding."""
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def metadata(version):
    """The core metadata (METADATA), version 2.1."""
    return (f"Metadata-Version: 2.1\n"
            f"Name: {NAME}\n"
            f"Version: {version}\n"
            f"Summary: {SUMMARY}\n"
            f"Keywords: import,cycle,circular-import,refactoring\n"
            f"Classifier: Environment :: Console\n"
            f"Classifier: Operating System :: POSIX :: Linux\n"
            f"Classifier: Programming Language :: C\n"
            f"Classifier: Topic :: Software Development :: Quality Assurance\n"
            f"Requires-Python: >=3.7\n"
            f"Description-Content-Type: text/markdown\n"
            f"\n{DESCRIPTION}")


def wheel_file(tag):
    """The WHEEL file: not purelib (the binary is platform code)."""
    return (f"Wheel-Version: 1.0\n"
            f"Generator: decycle build_wheel.py\n"
            f"Root-Is-Purelib: false\n"
            f"Tag: {tag}\n")


def build(binary, version, out_dir, plat):
    """Writes the wheel into out_dir and returns its path."""
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)*([a-z]+[0-9]*)?", version):
        raise ValueError(f"'{version}' is not a version")
    with open(binary, "rb") as f:
        exe = f.read()
    tag = f"py3-none-{plat}"
    data = f"{NAME}-{version}.data"
    info = f"{NAME}-{version}.dist-info"
    files = [  # (path in the wheel, bytes, mode)
        (f"{NAME}/__init__.py", INIT_PY.encode(), 0o644),
        (f"{NAME}/__main__.py", MAIN_PY.encode(), 0o644),
        (f"{data}/scripts/{NAME}", exe, 0o755),
        (f"{info}/METADATA", metadata(version).encode(), 0o644),
        (f"{info}/WHEEL", wheel_file(tag).encode(), 0o644),
    ]
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for path, content, _ in files:
        writer.writerow([path, record_hash(content), len(content)])
    writer.writerow([f"{info}/RECORD", "", ""])
    files.append((f"{info}/RECORD", record.getvalue().encode(), 0o644))

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, f"{NAME}-{version}-{tag}.whl")
    tmp = target + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, content, mode in files:
            zi = zipfile.ZipInfo(path, date_time=stamp)
            zi.create_system = 3  # Unix: external_attr holds the file mode
            zi.external_attr = (stat.S_IFREG | mode) << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, content)
    os.replace(tmp, target)
    return target


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True, help="the built decycle executable")
    ap.add_argument("--version", required=True, help="the project version (CMake's PROJECT_VERSION)")
    ap.add_argument("--out", default="dist", help="where the wheel goes (default dist)")
    ap.add_argument("--plat-name", help="platform tag (default linux_<arch of the binary>)")
    args = ap.parse_args()
    try:
        plat = args.plat_name or elf_platform(args.binary)
        print(build(args.binary, args.version, args.out, plat))
    except (OSError, ValueError) as e:
        print(f"build_wheel.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
