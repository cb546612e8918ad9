"""Audio and video playback straight from the decrypting reader (no temp file)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ui.viewers.reader_device import ReaderDevice

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # slower ones to type a transcript along


def audio_outputs() -> list[QAudioDevice]:
    """The computer's sound outputs (speakers, headphones); empty: nothing can be heard."""
    return list(QMediaDevices.audioOutputs())


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class MediaPlayer(QWidget):
    ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video = QVideoWidget(self)
        self.player.setVideoOutput(self.video)
        self.video.hide()
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self._device: ReaderDevice | None = None
        self.no_sound = QLabel(self)  # one plain sentence when nothing could be heard
        self.no_sound.setWordWrap(True)
        self.no_sound.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_sound.hide()
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._check_sound)
        self.play_button = QPushButton(self.tr("Play"), self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.time_label = QLabel(clock(0) + " / " + clock(0), self)
        self.speed = QComboBox(self)
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip(self.tr("Playback speed"))
        self.play_button.clicked.connect(self.toggle)
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.slider.actionTriggered.connect(self._slider_action)  # clicks and keys on the bar
        self.speed.currentIndexChanged.connect(
            lambda _i: self.player.setPlaybackRate(float(self.speed.currentData()))
        )
        self.player.positionChanged.connect(self._position)
        self.player.durationChanged.connect(self._duration)
        self.player.playbackStateChanged.connect(self._state)
        self.player.mediaStatusChanged.connect(self._status)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.speed)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.caption, 1)
        layout.addWidget(self.no_sound)
        layout.addLayout(controls)

    def add_below(self, widget: QWidget) -> None:
        """Put ``widget`` under the controls (the transcript editor), taking most room."""
        self._layout.addWidget(widget, 3)
        self._layout.setStretchFactor(self.caption, 0)

    def load(self, device: ReaderDevice, name: str, *, video: bool) -> None:
        self.clear()
        self._device = device
        self.video.setVisible(video)
        self.caption.setVisible(not video)
        self.caption.setText("♪\n" + name)
        # the URL only hints the container format to the backend; nothing is read from it
        self.player.setSourceDevice(device, QUrl(name))
        self._check_sound()

    def _check_sound(self) -> None:
        """Say so when this computer has no sound device: playing would seem broken."""
        outputs = audio_outputs()
        if outputs and self.audio.device().isNull():
            self.audio.setDevice(QMediaDevices.defaultAudioOutput())  # one just plugged in
        self.no_sound.setText(
            self.tr("No sound can be heard: this computer has no speakers or headphones connected.")
        )
        self.no_sound.setVisible(self._device is not None and not outputs)

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def clear(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())
        if self._device is not None:
            self._device.close()
            self._device.deleteLater()
            self._device = None
        self.caption.clear()
        self.no_sound.hide()
        self.slider.setRange(0, 0)
        self.time_label.setText(clock(0) + " / " + clock(0))

    def seek(self, ms: int) -> None:
        self.player.setPosition(max(0, min(ms, self.player.duration())))

    def _slider_action(self, _action: int) -> None:
        if not self.slider.isSliderDown():
            self.seek(self.slider.sliderPosition())

    def _position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time_label.setText(clock(ms) + " / " + clock(self.player.duration()))

    def _duration(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self.time_label.setText(clock(self.player.position()) + " / " + clock(ms))

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.ended.emit()
