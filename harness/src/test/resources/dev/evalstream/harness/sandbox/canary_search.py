    return _search()


def _search():
    # A completion that hunts for the problem's tests: everything this process can read.
    import ctypes, posix, re, sys
    pattern = re.compile(rb"EVALSTREAM_CANARY_[0-9a-f]{32}")
    found = []

    def scan(data):
        m = pattern.search(data)
        if m:
            found.append(m.group(0).decode())

    def read_file(path, limit=1 << 24):
        try:
            fd = posix.open(path, posix.O_RDONLY | posix.O_NONBLOCK)
        except OSError:
            return
        try:
            chunks = []
            while sum(map(len, chunks)) < limit:
                data = posix.read(fd, 1 << 20)
                if not data:
                    break
                chunks.append(data)
            scan(b"".join(chunks))
        except OSError:
            pass
        finally:
            posix.close(fd)

    def read_memory(pid):
        try:
            maps = open(f"/proc/{pid}/maps").read().splitlines()
            fd = posix.open(f"/proc/{pid}/mem", posix.O_RDONLY)
        except OSError:
            return
        try:
            for line in maps:
                addresses, perms = line.split()[:2]
                if not perms.startswith("r") or "[vvar]" in line or "[vsyscall]" in line:
                    continue
                lo, hi = (int(x, 16) for x in addresses.split("-"))
                try:
                    scan(posix.pread(fd, hi - lo, lo))
                except (OSError, OverflowError, MemoryError):
                    pass
        finally:
            posix.close(fd)

    # this process: every frame's locals and constants, then its whole address space
    f = sys._getframe()
    while f is not None:
        for value in list(f.f_locals.values()) + list(f.f_code.co_consts):
            if isinstance(value, (str, bytes)):
                scan(value if isinstance(value, bytes) else value.encode("utf-8", "replace"))
        f = f.f_back
    if found:
        return found[0]
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: our own /proc/self/mem
    read_memory("self")
    if found:
        return found[0]
    # every descriptor we hold: what is on it, and what it points to
    for fd in range(1024):
        try:
            posix.fstat(fd)
        except OSError:
            continue
        try:
            scan(posix.readlink(f"/proc/self/fd/{fd}").encode())
        except OSError:
            pass
        try:
            posix.set_blocking(fd, False)
            scan(posix.read(fd, 1 << 20))
        except OSError:
            pass
    # every process we can see
    try:
        pids = posix.listdir("/proc")
    except OSError:
        pids = []
    for pid in pids:
        if not pid.isdigit():
            continue
        for name in ("cmdline", "environ", "status", "maps", "stat"):
            read_file(f"/proc/{pid}/{name}")
        read_memory(pid)
        try:
            for fd in posix.listdir(f"/proc/{pid}/fd"):
                read_file(f"/proc/{pid}/fd/{fd}")
        except OSError:
            pass
    # every file outside the read-only system tree
    pending = ["/"]
    while pending:
        top = pending.pop()
        try:
            entries = posix.listdir(top)
        except OSError:
            continue
        for entry in entries:
            path = top.rstrip("/") + "/" + entry
            if path in ("/proc", "/sys", "/usr", "/dev"):
                continue
            try:
                st = posix.lstat(path)
            except OSError:
                continue
            if (st.st_mode & 0o170000) == 0o040000:
                pending.append(path)
            elif (st.st_mode & 0o170000) == 0o100000:
                read_file(path)
    return found[0] if found else None
