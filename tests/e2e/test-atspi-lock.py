#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test, keyboard first, through the accessibility bus:
#
#   1. makes the demo inspection with fieldwork-cli, DEMO-C-03 quality-assured
#   2. opens it, Enter on DEMO-C-03, N: nothing changes (the audit trail too)
#   3. Alt+3, the Locked switch, the confirmation's Lock: the banner offers
#      Unlock; Alt+1, Enter on the first case, Y: nothing changes
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
    cli("case-status", "--inspection", demo_id, "--case", REFERENCE, "--status", "complete")
    cli("case-status", "--inspection", demo_id, "--case", REFERENCE, "--status", "quality-assured")

    def audit():
        return cli("audit", "--inspection", demo_id)

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
    point_at(500, 400)
    base.pump(0.5)

    # -- N on a quality-assured case changes nothing
    before = audit()
    keys("Home", "Down", "Down", "Return")
    wait_for("the Case page", lambda: base.find_one(app, "Next case",
                                                    base.by_role_name(R.ROLE_PUSH_BUTTON, "Next case")))
    base.pump(0.5)
    keys("n")
    base.pump(1.0)
    if audit() != before:
        raise Failure("N on a quality-assured case changed something")
    log(f"N on the quality-assured {REFERENCE} changed nothing")

    # -- locking from the Review page, confirmed
    keys("3", modifiers=8)   # Alt (Mod1)
    def toggle_like(a):
        try:
            role = a.getRoleName()
        except Exception:
            return False
        return role in ("switch", "toggle button", "check box")

    row = wait_for("the Locked row", lambda: base.find_one(
        app, "Locked", lambda a: base.name_of(a) == "Locked" and base.role_of(a) == R.ROLE_LIST_ITEM))
    switch = wait_for("the Locked switch", lambda: base.find_one(row, "the lock switch", toggle_like))
    base.do_action(switch)

    def lock_button():
        # the confirmation lays its buttons out twice (side by side, stacked): the one shown
        found = base.find_all(base.fresh(app), lambda a: base.role_of(a) == R.ROLE_PUSH_BUTTON
                              and base.name_of(a).replace("_", "").split(" ")[0] == "Lock")
        shown = [a for a in found if base.has_state(a, R.STATE_VISIBLE)]
        return (shown or found or [None])[0]
    lock = wait_for("the confirmation's Lock", lock_button)
    base.do_action(lock)
    wait_for("the lock in the audit trail", lambda: ",lock," in audit().splitlines()[-1], timeout=10)

    def unlock_offered():
        return any(base.has_state(a, R.STATE_SENSITIVE) and base.has_state(a, R.STATE_VISIBLE)
                   for a in base.find_all(base.fresh(app), lambda a: base.role_of(a) == R.ROLE_PUSH_BUTTON
                                          and "Unlock" in base.name_of(a)))
    wait_for("an Unlock button to be offered", unlock_offered, timeout=10)
    log("locked from the Review page, after a confirmation")

    # -- read-only after: an answer key on another case changes nothing
    before = audit()
    keys("1", modifiers=8)
    base.pump(0.5)
    keys("Home", "Return")
    base.pump(0.5)
    keys("y")
    base.pump(1.0)
    if audit() != before:
        raise Failure("Y changed a locked inspection")
    log("the locked inspection is read-only")

    if proc.poll() is not None:
        raise Failure(f"fieldwork exited with status {proc.returncode}")


base.run = run

if __name__ == "__main__":
    sys.exit(base.main())
