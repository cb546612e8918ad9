"""The preview shows an iPhone photo (HEIC), which Qt's own image decoders cannot read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.ingest.test_ingest_heic import RED, save_heic

# A fresh interpreter, so the preview cannot lean on HEIC support registered earlier.
PREVIEW = """
import sys
from pathlib import Path
from ui.viewers.image_viewer import decode_image
image = decode_image(Path(sys.argv[1]).read_bytes())
colour = image.pixelColor(image.width() // 2, image.height() // 2)
print(image.width(), image.height(), colour.red(), colour.green(), colour.blue())
"""


def test_a_heic_photo_is_decoded_for_the_preview(tmp_path: Path) -> None:
    path = save_heic(tmp_path / "IMG_4321.HEIC", original="2024:03:15 22:41:07")
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW, str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    width, height, *colour = (int(n) for n in done.stdout.split())
    assert (width, height) == (96, 64)
    assert all(abs(got - want) < 24 for got, want in zip(colour, RED, strict=True)), colour
