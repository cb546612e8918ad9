# mypy: disable-error-code="no-untyped-call"
"""The window's message boxes and questions (ui/dialogs.py): the real boxes, and the one
test seam that stands in for the user."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.ui_helpers import answer_next_modal
from ui import dialogs


def _box(widget: QWidget) -> QMessageBox:
    assert isinstance(widget, QMessageBox), widget
    return widget


def _open_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_confirm_defaults_to_cancel_and_says_yes_only_by_its_button(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def cancel(modal: QWidget) -> None:
        box = _box(modal)
        default = box.defaultButton()
        seen["default"] = box.standardButton(default) if default is not None else None
        seen["text"] = box.text()
        box.reject()

    answer_next_modal(cancel)
    assert not dialogs.confirm(parent, "Delete", "Delete it for good?", yes="Delete for good")
    assert seen == {"default": QMessageBox.StandardButton.Cancel, "text": "Delete it for good?"}

    def delete(modal: QWidget) -> None:
        box = _box(modal)
        (yes,) = [b for b in box.buttons() if b.text() == "Delete for good"]
        yes.click()

    answer_next_modal(delete)
    assert dialogs.confirm(parent, "Delete", "Delete it for good?", yes="Delete for good")


def test_inform_opens_a_summary_whose_actions_keep_it_open(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ran: list[str] = []
    dialogs.inform(
        parent,
        "Import finished",
        "Imported: 1",
        details="a.png: The file is empty.",
        actions=[dialogs.Action("Show the folder", lambda: ran.append("folder"))],
    )  # returns at once: the box is window-modal
    (box,) = _open_boxes()
    assert box.isVisible() and box.text() == "Imported: 1"
    assert box.detailedText() == "a.png: The file is empty."
    (show,) = [b for b in box.buttons() if b.text() == "Show the folder"]
    show.click()
    assert ran == ["folder"] and box.isVisible(), "an action leaves the box open"
    box.accept()
    qtbot.waitUntil(lambda: not _open_boxes())


def test_ask_runs_our_dialog_and_says_whether_it_was_accepted(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    answer_next_modal(lambda modal: modal.accept() if isinstance(modal, QDialog) else None)
    assert dialogs.ask(dialog)
    answer_next_modal(lambda modal: modal.reject() if isinstance(modal, QDialog) else None)
    assert not dialogs.ask(dialog)


def test_a_script_records_every_call_and_answers_the_questions(qtbot: QtBot) -> None:
    form = QDialog()
    form.setWindowTitle("New complaint")
    qtbot.addWidget(form)
    with dialogs.scripted() as script:
        dialogs.inform(None, "Import finished", "Imported: 1", details="x")
        dialogs.inform(None, "Evidence Vault", "The vault is locked.", warning=True)
        script.answer(False, lambda dialog: dialog is form)
        assert not dialogs.confirm(None, "Delete", "Delete it?", yes="Delete")
        assert dialogs.ask(form)
        with pytest.raises(AssertionError, match="no answer scripted"):
            dialogs.confirm(None, "Delete", "Delete this too?", yes="Delete")
    assert list(script) == [("Imported: 1", "x"), ("The vault is locked.", "")]
    assert script.texts("warn") == [("The vault is locked.", "")]
    assert script.questions() == ["Delete it?", "New complaint", "Delete this too?"]
    assert [s.kind for s in script.shown] == ["inform", "warn", "confirm", "ask", "confirm"]
    assert not _open_boxes(), "nothing was shown"
