"""The way back after Esc Esc: a neutral tray icon where there is a tray, else relaunch.

Esc Esc locks the vault and hides the window at once. Where the desktop has a system tray
a plain icon (a file icon, tooltip "Notes", nothing naming evidence) appears with one
entry, *Show the window*; clicking it, or launching the app again, brings the window
back at the unlock page. Without a tray (offscreen, some Linux desktops) the window is
minimised instead, so the task bar and a second launch (:mod:`ui.single_instance`) both
bring it back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QStyle, QSystemTrayIcon, QWidget


def restore(window: QWidget) -> None:
    """Show ``window`` again, unminimised, in front."""
    window.showNormal()
    window.raise_()
    window.activateWindow()


class WayBack(QObject):
    """Hides ``window`` for Esc Esc and offers the way back."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.tray: QSystemTrayIcon | None = None

    def _make_tray(self) -> QSystemTrayIcon:
        icon = self.window.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("Notes"))
        menu = QMenu(self.window)
        menu.addAction(self.tr("Show the window")).triggered.connect(self.show_window)
        tray.setContextMenu(menu)
        tray.activated.connect(self._activated)
        return tray

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason != QSystemTrayIcon.ActivationReason.Context:
            self.show_window()

    def hide_window(self) -> None:
        """Hide to the tray if there is one, else minimise."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = self._make_tray()
            self.tray.show()
            self.window.hide()
        else:
            self.window.showMinimized()

    def show_window(self) -> None:
        if self.tray is not None:
            self.tray.hide()
        restore(self.window)
