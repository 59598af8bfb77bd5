#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test: drives the running application from outside, through the
# accessibility bus, as a screen reader or an automation tool would.
#
#   1. makes a database with the demo inspection (fieldwork-cli demo)
#   2. starts fieldwork on it: the welcome page shows, settings are in memory
#   3. presses "Open the Demo Inspection", then the "Case" page and
#      "Next case" until the editor shows DEMO-C-08 (not started)
#   4. presses the "Yes — 2.1.1" toggle button through its AT-SPI action
#   5. reads the ratings panel's 2.1.1 label: 86 % (6 yes, 1 no) before,
#      88 % (7 yes, 1 no) after
#   6. checks the answer row in the SQLite database
#
# Run it with /usr/bin/python3 (pyatspi is a Debian package), under
#   xvfb-run -a dbus-run-session -- …
# Exit status: 0 pass, 1 fail, 77 skip (no usable display, no session bus,
# or no pyatspi). It takes 10 to 20 seconds.
#
# Paths come from the command line or the environment:
#   --app / FW_APP          the built fieldwork executable
#   --cli / FW_CLI          the built fieldwork-cli executable
#   --schema-dir / GSETTINGS_SCHEMA_DIR   the build's data folder (gschemas.compiled)
# FW_E2E_KEEP=1 keeps the temporary folder (the application's log is in it).

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77
REFERENCE = "DEMO-C-08"
ITEM = "2.1.1"
BEFORE = ("2.1.1: 86 percent yes", "6 yes · 1 no")
AFTER = ("2.1.1: 88 percent yes", "7 yes · 1 no")

started = time.monotonic()


def log(msg):
    print(f"# [{time.monotonic() - started:5.1f}s] {msg}", flush=True)


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def wait_for(what, func, timeout=20.0, interval=0.2):
    """Calls func until it returns something true; fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = func()
            if value:
                return value
        except (Failure, Skip):
            raise
        except Exception as e:  # the tree changes under us: try again
            last_error = e
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}"
                          + (f" (last error: {last_error})" if last_error else ""))
        pump(interval)


def pump(seconds):
    """Lets libatspi handle the application's events (they keep its cache right)."""
    from gi.repository import GLib
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.02)


# ---------------------------------------------------------------- the bus

def session_bus_ok():
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from gi.repository import Gio
        Gio.bus_get_sync(Gio.BusType.SESSION, None)
        return True
    except Exception:
        return False


_xlib = None
_display = None


def hold_display(timeout=5.0):
    """Connects to DISPLAY and keeps the connection until the end.

    An X server started without -noreset (as xvfb-run starts Xvfb) resets
    when its last client leaves, and refuses connections meanwhile; the
    accessibility bus launcher is such a passing client. Holding a
    connection keeps the server from resetting under the application.
    Returns False if no connection could be made."""
    global _xlib, _display
    import ctypes
    try:
        _xlib = ctypes.CDLL("libX11.so.6")
    except OSError:
        return True   # no Xlib to ask: let the application try
    _xlib.XOpenDisplay.restype = ctypes.c_void_p
    _xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    _xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    deadline = time.monotonic() + timeout
    while not _display:
        _display = _xlib.XOpenDisplay(None)
        if _display or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return bool(_display)


def release_display():
    global _display
    if _display:
        _xlib.XCloseDisplay(_display)
        _display = None


def display_opens():
    """Whether a new X client can connect to DISPLAY now."""
    if _xlib is None:
        return True
    display = _xlib.XOpenDisplay(None)
    if display:
        _xlib.XCloseDisplay(display)
    return bool(display)


def a11y_bus_address():
    """Asks org.a11y.Bus for the accessibility bus; activation starts it."""
    from gi.repository import Gio, GLib
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                          None, GLib.VariantType.new("(s)"), Gio.DBusCallFlags.NONE, 5000, None)
    return reply.unpack()[0]


def ensure_a11y_bus(children):
    try:
        address = a11y_bus_address()
        log(f"accessibility bus: {address.split(',')[0]}")
        return
    except Exception as e:
        log(f"no accessibility bus yet ({e}); starting at-spi-bus-launcher")
    launcher = "/usr/libexec/at-spi-bus-launcher"
    if not os.access(launcher, os.X_OK):
        raise Failure(f"{launcher} is missing: install at-spi2-core")
    children.append(subprocess.Popen([launcher, "--launch-immediately"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    address = wait_for("the accessibility bus", a11y_bus_address, timeout=15)
    log(f"accessibility bus: {address.split(',')[0]}")


# ---------------------------------------------------------------- AT-SPI helpers

pyatspi = None


def name_of(acc):
    # GTK 4.8 gives a button with a mnemonic label the name
    # "Open the _Demo Inspection Open the Demo Inspection": compare without
    # the underscores and accept the name said twice.
    return (acc.name or "").replace("_", "")


def role_of(acc):
    return acc.getRole()


def walk(acc, depth=0, max_depth=60):
    if acc is None or depth > max_depth:
        return
    yield acc
    try:
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def find_all(root, predicate):
    return [a for a in walk(root) if predicate(a)]


def find_one(root, what, predicate):
    """The single accessible that matches, or None (a failure if several match)."""
    found = find_all(root, predicate)
    if len(found) > 1:
        raise Failure(f"{len(found)} accessibles match {what}: "
                      + ", ".join(f"{a.getRoleName()} {a.name!r}" for a in found[:5]))
    return found[0] if found else None


def by_role_name(role, name, exact=True):
    def match(acc):
        try:
            if role_of(acc) != role:
                return False
            n = name_of(acc)
            if exact:
                return n in (name, f"{name} {name}")
            return n.startswith(name)
        except Exception:
            return False
    return match


def do_action(acc, preferred=("click", "press", "activate", "toggle")):
    action = acc.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if not names:
        raise Failure(f"{acc.getRoleName()} {acc.name!r} has no action")
    index = next((names.index(p) for p in preferred if p in names), 0)
    if not action.doAction(index):
        raise Failure(f"action {names[index]!r} on {acc.name!r} failed")


def fresh(acc):
    """The accessible with libatspi's cached name, states… dropped: read anew."""
    acc.clear_cache()
    return acc


def has_state(acc, state):
    return fresh(acc).getState().contains(state)


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


# ---------------------------------------------------------------- the test

def answer_in_db(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT a.value, a.who FROM answer a JOIN kase k ON k.id = a.case_id "
                           "WHERE k.reference = ? AND a.item = ?", (REFERENCE, ITEM)).fetchone()
    finally:
        con.close()


def run(args, tmp, children):
    global pyatspi

    data_home = os.path.join(tmp, "data")
    db = os.path.join(data_home, "fieldwork", "fieldwork.db")
    os.makedirs(os.path.dirname(db))
    os.makedirs(os.path.join(tmp, "config"))
    os.makedirs(os.path.join(tmp, "cache"))

    env = dict(os.environ)
    env.update({
        "XDG_DATA_HOME": data_home,
        "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
        "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
        "GSETTINGS_SCHEMA_DIR": args.schema_dir,
        "GSETTINGS_BACKEND": "memory",
        "GSK_RENDERER": "cairo",
        "ADW_DISABLE_PORTAL": "1",
        "GTK_USE_PORTAL": "0",
        # the accessible names compared below are the English ones
        "LC_ALL": "C.UTF-8",
        "LANGUAGE": "",
    })
    env.pop("GTK_A11Y", None)   # the accessibility bus is the point

    subprocess.run([args.cli, "--db", db, "demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=60)
    before_db = answer_in_db(db)
    if before_db is not None:
        raise Failure(f"{REFERENCE} {ITEM} is answered already in the demo: {before_db}")
    log(f"demo inspection created in {db}")

    ensure_a11y_bus(children)
    import pyatspi as _pyatspi
    pyatspi = _pyatspi

    with open(os.path.join(tmp, "fieldwork.log"), "w") as app_log:
        proc = subprocess.Popen([args.app], env=env, stdout=app_log, stderr=subprocess.STDOUT)
    children.append(proc)
    log(f"started {args.app} (pid {proc.pid})")

    def the_app():
        if proc.poll() is not None:
            if not display_opens():
                # the X server went away under us: nothing to test on
                raise Skip(f"the display {os.environ['DISPLAY']} went away")
            raise Failure(f"fieldwork exited with status {proc.returncode}")
        return find_app(proc.pid)
    app = wait_for("the application on the accessibility bus", the_app, timeout=30)
    log(f"found the application {app.name!r}")

    R = pyatspi

    # -- the welcome page
    demo = wait_for("the push button “Open the Demo Inspection”",
                    lambda: find_one(app, "Open the Demo Inspection",
                                     by_role_name(R.ROLE_PUSH_BUTTON, "Open the Demo Inspection")))
    do_action(demo)
    log("pressed “Open the Demo Inspection”")

    # -- the Case page, from the stack switcher in the header bar
    case_tab = wait_for("the “Case” page button",
                        lambda: find_one(app, "Case", lambda a: role_of(a) in (R.ROLE_TOGGLE_BUTTON, R.ROLE_PUSH_BUTTON,
                                                                               R.ROLE_RADIO_BUTTON, R.ROLE_PAGE_TAB)
                                         and name_of(a) in ("Case", "Case Case")))
    do_action(case_tab)
    log("pressed the “Case” page button")

    next_case = wait_for("the “Next case” button",
                         lambda: find_one(app, "Next case", by_role_name(R.ROLE_PUSH_BUTTON, "Next case")))
    # the case header: the box holding the title labels and the buttons
    header = next_case.parent.parent

    def header_labels():
        return [name_of(a) for a in find_all(fresh(header), lambda a: role_of(a) == R.ROLE_LABEL)]

    def shown_reference():
        refs = [n for n in header_labels() if n.startswith("DEMO-")]
        return refs[0] if refs else None

    for step in range(30):
        current = shown_reference()
        if current == REFERENCE:
            break
        do_action(next_case)
        wait_for("the next case", lambda: shown_reference() not in (None, current), timeout=10)
    else:
        raise Failure(f"“Next case” never reached {REFERENCE}")
    log(f"the case editor shows {REFERENCE}")

    status = [n for n in header_labels() if "key questions answered" in n]
    if not status or not status[0].startswith("Not started — 0 of"):
        raise Failure(f"{REFERENCE} should be not started: {status}")

    # -- the ratings panel before
    def percent_label():
        return find_one(app, f"the {ITEM} rating label", by_role_name(R.ROLE_LABEL, f"{ITEM}:", exact=False))
    label = wait_for(f"the ratings label “{ITEM}: …”", percent_label)
    before = name_of(label)
    log(f"before: {before!r}")
    if not (before.startswith(BEFORE[0]) and BEFORE[1] in before):
        raise Failure(f"before answering, expected {BEFORE}, the panel says {before!r}")

    # -- Yes on 2.1.1
    yes = wait_for(f"the toggle button “Yes — {ITEM}”",
                   lambda: find_one(app, f"Yes — {ITEM}", lambda a: role_of(a) in (R.ROLE_TOGGLE_BUTTON, R.ROLE_PUSH_BUTTON)
                                     and name_of(a) == f"Yes — {ITEM}"))
    if has_state(yes, R.STATE_CHECKED) or has_state(yes, R.STATE_PRESSED):
        raise Failure(f"“Yes — {ITEM}” is already on")
    do_action(yes)
    log(f"pressed “Yes — {ITEM}”")

    # -- the ratings panel after
    after = wait_for(f"the {ITEM} rating to change",
                     lambda: (lambda n: n if n != before else None)(name_of(fresh(label))), timeout=10)
    log(f"after:  {after!r}")
    if not (after.startswith(AFTER[0]) and AFTER[1] in after):
        raise Failure(f"after answering Yes, expected {AFTER}, the panel says {after!r}")
    wait_for(f"“Yes — {ITEM}” to show as on",
             lambda: has_state(yes, R.STATE_CHECKED) or has_state(yes, R.STATE_PRESSED), timeout=5)
    wait_for("the case header to count the answer",
             lambda: any(n.startswith("In progress — 1 of") for n in header_labels()), timeout=5)

    # -- the database
    row = wait_for(f"the answer row for {REFERENCE} {ITEM}", lambda: answer_in_db(db), timeout=5)
    log(f"database: {REFERENCE} {ITEM} = {row[0]!r} by {row[1]!r}")
    if row[0] != "yes":
        raise Failure(f"the database holds {row[0]!r} for {REFERENCE} {ITEM}, not 'yes'")

    if proc.poll() is not None:
        raise Failure(f"fieldwork exited with status {proc.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", default=os.environ.get("FW_APP"))
    parser.add_argument("--cli", default=os.environ.get("FW_CLI"))
    parser.add_argument("--schema-dir", default=os.environ.get("GSETTINGS_SCHEMA_DIR"))
    args = parser.parse_args()
    for name in ("app", "cli", "schema_dir"):
        if not getattr(args, name):
            parser.error(f"--{name.replace('_', '-')} is needed")

    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no DISPLAY: run under xvfb-run -a dbus-run-session", flush=True)
        return SKIP
    if not session_bus_ok():
        # give ourselves a session bus rather than fail
        if shutil.which("dbus-run-session") and not os.environ.get("FW_E2E_REEXEC"):
            os.environ["FW_E2E_REEXEC"] = "1"
            os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)
        print("# SKIP no D-Bus session bus", flush=True)
        return SKIP
    if not hold_display():
        print(f"1..0 # SKIP the display {os.environ['DISPLAY']} cannot be opened", flush=True)
        return SKIP
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        import pyatspi  # noqa: F401  (imported for real once the bus is up)
    except Exception as e:
        print(f"# SKIP pyatspi is not available: {e}", flush=True)
        return SKIP

    tmp = tempfile.mkdtemp(prefix="fw-e2e-")
    children = []
    rc = 0
    try:
        run(args, tmp, children)
        log("PASS")
    except Skip as e:
        rc = SKIP
        print(f"1..0 # SKIP {e}", flush=True)
    except Exception as e:
        rc = 1
        if not isinstance(e, Failure):
            traceback.print_exc()
        log(f"FAIL: {e}")
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        app_log = os.path.join(tmp, "fieldwork.log")
        if rc == 1 and os.path.exists(app_log):
            with open(app_log) as f:
                text = f.read().strip()
            if text:
                print("# fieldwork's output:\n" + "\n".join("#   " + l for l in text.splitlines()[-40:]))
        release_display()
        if os.environ.get("FW_E2E_KEEP"):
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
