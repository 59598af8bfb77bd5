#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test, keyboard first: drives the running application from
# outside through the accessibility bus, with keys made by the AT-SPI
# registry (XTEST), as a user at the keyboard would.
#
#   1. makes a database with the demo inspection and a second one
#      ("Second Service") with fieldwork-cli
#   2. starts fieldwork on it and presses "Open the Demo Inspection"
#   3. on the Cases list: Home, Down, Down, Enter: the Case page shows DEMO-C-03
#   4. Shift+Ctrl+O, Down, Enter: the window is "Second Service – Fieldwork";
#      Shift+Ctrl+O, Up, Enter: back to the demo
#   5. fieldwork-cli locks the demo on the same file: the window's lock banner
#      shows, without anything done in the window
#
# It shares its scaffolding (bus, display, lookups) with test-atspi.py.
# Exit status: 0 pass, 1 fail, 77 skip. Arguments as for test-atspi.py.

import importlib.util
import os
import subprocess
import sys
import time

_spec = importlib.util.spec_from_file_location(
    "fw_atspi", os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-atspi.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

Failure = base.Failure
log = base.log
wait_for = base.wait_for

DEMO = "Demo Youth Justice Service"
SECOND = "Second Service"
REFERENCE = "DEMO-C-03"   # the third case of the list, by reference

CONTROL_SHIFT = 4 | 1      # X's ControlMask | ShiftMask


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
        base.pump(0.15)
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    base.pump(0.3)


def point_at(x, y):
    from gi.repository import Atspi
    Atspi.generate_mouse_event(x, y, "abs")


def run(args, tmp, children):
    import pyatspi as R

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
        "LC_ALL": "C.UTF-8",
        "LANGUAGE": "",
    })
    env.pop("GTK_A11Y", None)

    def cli(*argv):
        return subprocess.run([args.cli, "--db", db] + list(argv), env=env, check=True,
                              stdout=subprocess.PIPE, text=True, timeout=60).stdout.strip()

    demo_id = cli("demo")
    cli("new", "--framework", "hmip-youth-2018", "--service", SECOND, "--start", "2026-12-01",
        "--inspector", "Inspector A")
    log(f"two inspections in {db}")

    base.ensure_a11y_bus(children)
    base.pyatspi = R
    with open(os.path.join(tmp, "fieldwork.log"), "w") as app_log:
        proc = subprocess.Popen([args.app], env=env, stdout=app_log, stderr=subprocess.STDOUT)
    children.append(proc)
    app = wait_for("the application on the accessibility bus", lambda: base.find_app(proc.pid), timeout=30)

    def window_title():
        for a in base.walk(base.fresh(app), max_depth=1):
            if base.role_of(a) == R.ROLE_FRAME and (a.name or "").endswith("Fieldwork"):
                return a.name
        return None

    demo = wait_for("the push button “Open the Demo Inspection”",
                    lambda: base.find_one(app, "Open the Demo Inspection",
                                          base.by_role_name(R.ROLE_PUSH_BUTTON, "Open the Demo Inspection")))
    base.do_action(demo)
    wait_for("the demo to open", lambda: (window_title() or "").startswith(DEMO))
    log("the demo is open on the Cases page")
    # keys go where the pointer is when no window manager gives the focus
    point_at(500, 400)
    base.pump(0.5)

    # -- the chosen case, with Enter
    keys("Home", "Down", "Down", "Return")
    next_case = wait_for("the Case page", lambda: base.find_one(app, "Next case",
                                                                base.by_role_name(R.ROLE_PUSH_BUTTON, "Next case")))
    header = next_case.parent.parent

    def shown_reference():
        refs = [base.name_of(a) for a in base.find_all(base.fresh(header), lambda a: base.role_of(a) == R.ROLE_LABEL)
                if base.name_of(a).startswith("DEMO-")]
        return refs[0] if refs else None
    wait_for(f"the Case page to show {REFERENCE}", lambda: shown_reference() == REFERENCE, timeout=10)
    log(f"Enter on the third row opened {REFERENCE}")

    # -- switching inspections, from the keyboard
    keys("o", modifiers=CONTROL_SHIFT)
    wait_for("the inspection switcher", lambda: base.find_one(app, SECOND, base.by_role_name(R.ROLE_LIST_ITEM, SECOND)))
    # the switcher opens on the open inspection's row; the next one, Enter
    keys("Down", "Return")
    wait_for(f"the window to show {SECOND}", lambda: (window_title() or "").startswith(SECOND), timeout=10)
    log(f"switched to {SECOND}")
    keys("o", modifiers=CONTROL_SHIFT)
    wait_for("the inspection switcher", lambda: base.find_one(app, DEMO, base.by_role_name(R.ROLE_LIST_ITEM, DEMO)))
    keys("Up", "Return")
    wait_for(f"the window to show {DEMO}", lambda: (window_title() or "").startswith(DEMO), timeout=10)
    log(f"switched back to {DEMO}")

    # -- a lock made by another program on the same file shows: the window's
    # banner ("This inspection is locked …") offers Unlock, which it did not before
    text = wait_for("the lock banner's text", lambda: base.find_one(
        app, "the lock banner", lambda a: base.role_of(a) == R.ROLE_LABEL
        and base.name_of(a).startswith("This inspection is locked")))
    unlock = wait_for("the banner's Unlock button", lambda: base.find_one(
        text.parent, "Unlock", lambda a: base.role_of(a) == R.ROLE_PUSH_BUTTON and "Unlock" in base.name_of(a)))

    def unlock_offered():
        return base.has_state(unlock, R.STATE_SENSITIVE) or base.has_state(unlock, R.STATE_ENABLED)
    if unlock_offered():
        raise Failure("the banner offers Unlock before the lock")
    started = time.monotonic()
    cli("lock", "--inspection", demo_id)
    wait_for("the banner to offer Unlock", unlock_offered, timeout=5)
    log(f"the lock made by fieldwork-cli showed after {time.monotonic() - started:.1f} s")

    if proc.poll() is not None:
        raise Failure(f"fieldwork exited with status {proc.returncode}")


base.run = run

if __name__ == "__main__":
    sys.exit(base.main())
