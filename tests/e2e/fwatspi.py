#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the end-to-end tests share: they drive the running application from
# outside, through the accessibility bus, as a screen reader, an automation
# tool or (with keys made by the AT-SPI registry) a user at the keyboard would.
#
# A test script defines run(args, tmp, children) and ends with
#   sys.exit(fwatspi.main(run))
# main() checks what is needed (a display, a session bus, pyatspi: else the
# exit status is 77, skip), makes a temporary folder, calls run() and stops
# every child process it appended to children. Exit status: 0 pass, 1 fail.
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
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77

CONTROL_SHIFT = 4 | 1      # X's ControlMask | ShiftMask
ALT = 8                    # X's Mod1Mask

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


# ---------------------------------------------------------------- keys and pointer

def keys(*names, modifiers=0):
    """Presses keys (GDK names), with modifiers held, through the registry."""
    import gi
    gi.require_version("Atspi", "2.0")
    gi.require_version("Gdk", "4.0")
    from gi.repository import Atspi, Gdk
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.LOCKMODIFIERS)
    for name in names:
        Atspi.generate_keyboard_event(Gdk.keyval_from_name(name), None, Atspi.KeySynthType.SYM)
        pump(0.15)
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    pump(0.3)


def point_at(x, y):
    from gi.repository import Atspi
    Atspi.generate_mouse_event(x, y, "abs")


# ---------------------------------------------------------------- the application

class Fieldwork:
    """A fresh home for the application, its database, and the way to start it.

    tmp/data/fieldwork/fieldwork.db is the default database (db); env is the
    environment the application and fieldwork-cli run in: the temporary
    folders, settings in memory, no portal, English names."""

    def __init__(self, args, tmp, children):
        self.args = args
        self.tmp = tmp
        self.children = children
        data_home = os.path.join(tmp, "data")
        self.db = os.path.join(data_home, "fieldwork", "fieldwork.db")
        os.makedirs(os.path.dirname(self.db))
        os.makedirs(os.path.join(tmp, "config"))
        os.makedirs(os.path.join(tmp, "cache"))
        self.env = dict(os.environ)
        self.env.update({
            "XDG_DATA_HOME": data_home,
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
            "GSETTINGS_SCHEMA_DIR": args.schema_dir,
            "GSETTINGS_BACKEND": "memory",
            "GSK_RENDERER": "cairo",
            "ADW_DISABLE_PORTAL": "1",
            "GTK_USE_PORTAL": "0",
            # the accessible names compared are the English ones
            "LC_ALL": "C.UTF-8",
            "LANGUAGE": "",
        })
        self.env.pop("GTK_A11Y", None)   # the accessibility bus is the point
        self.proc = None
        self.app = None

    def cli(self, *argv):
        """Runs fieldwork-cli on the database; its output, stripped."""
        return subprocess.run([self.args.cli, "--db", self.db] + list(argv), env=self.env, check=True,
                              stdout=subprocess.PIPE, text=True, timeout=60).stdout.strip()

    def start(self):
        """Starts fieldwork (the accessibility bus first) and finds it on the bus."""
        global pyatspi
        ensure_a11y_bus(self.children)
        import pyatspi as _pyatspi
        pyatspi = _pyatspi
        with open(os.path.join(self.tmp, "fieldwork.log"), "w") as app_log:
            self.proc = subprocess.Popen([self.args.app], env=self.env, stdout=app_log, stderr=subprocess.STDOUT)
        self.children.append(self.proc)
        log(f"started {self.args.app} (pid {self.proc.pid})")

        def the_app():
            self.check_running()
            return find_app(self.proc.pid)
        self.app = wait_for("the application on the accessibility bus", the_app, timeout=30)
        log(f"found the application {self.app.name!r}")
        return self.app

    def check_running(self):
        if self.proc.poll() is not None:
            if not display_opens():
                # the X server went away under us: nothing to test on
                raise Skip(f"the display {os.environ['DISPLAY']} went away")
            raise Failure(f"fieldwork exited with status {self.proc.returncode}")

    def window_title(self):
        """The main window's title ("… – Fieldwork"), or None."""
        for a in walk(fresh(self.app), max_depth=1):
            if role_of(a) == pyatspi.ROLE_FRAME and (a.name or "").endswith("Fieldwork"):
                return a.name
        return None

    def find(self, what, predicate, root=None, timeout=20.0):
        """Waits for the single accessible that matches under root (the application)."""
        return wait_for(what, lambda: find_one(root or self.app, what, predicate), timeout=timeout)

    def button(self, name, timeout=20.0):
        """Waits for the push button with this name."""
        return self.find(f"the push button “{name}”", by_role_name(pyatspi.ROLE_PUSH_BUTTON, name), timeout=timeout)

    def case_page(self, timeout=20.0):
        """Waits for the Case page; its "Next case" button and its header (the
        box holding the case's title labels and the buttons)."""
        next_case = self.button("Next case", timeout=timeout)
        return next_case, next_case.parent.parent

    def open_demo(self, title="Demo Youth Justice Service"):
        """Presses "Open the Demo Inspection" on the welcome page, waits for it."""
        do_action(self.button("Open the Demo Inspection"))
        log("pressed “Open the Demo Inspection”")
        wait_for("the demo to open", lambda: (self.window_title() or "").startswith(title))


def header_labels(header):
    """The names of the labels in the Case page's header."""
    return [name_of(a) for a in find_all(fresh(header), lambda a: role_of(a) == pyatspi.ROLE_LABEL)]


def shown_reference(header, prefix="DEMO-"):
    """The reference of the case the Case page's header shows, or None."""
    refs = [n for n in header_labels(header) if n.startswith(prefix)]
    return refs[0] if refs else None


# ---------------------------------------------------------------- the harness

def main(run):
    parser = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__)
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
