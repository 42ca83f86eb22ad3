"""Compare rendered images with approved PNGs, within a tolerance (after pyqtgraph's idea).

New approved images are written only on purpose: ``POSITIONS_APPROVE=1 pytest …``. A failed
comparison saves the new image and a difference map next to the test run for inspection.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage

APPROVED = Path(__file__).parent / "approved"
FAILED = Path(__file__).parent.parent / "shots" / "failed-images"


def pixels(image: QImage) -> npt.NDArray[np.int16]:
    """H×W×3 RGB values of ``image``."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    buffer = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).astype(
        np.int16)


def assert_image_approved(image: QImage, name: str, max_differing: float = 0.004,
                          pixel_threshold: int = 48) -> None:
    """``image`` matches ``approved/<name>.png``: same size, and at most ``max_differing``
    of its pixels differ by more than ``pixel_threshold`` in any channel."""
    path = APPROVED / f"{name}.png"
    if os.environ.get("POSITIONS_APPROVE") == "1":
        APPROVED.mkdir(exist_ok=True)
        assert image.save(str(path)), f"could not write {path}"
        return
    assert path.is_file(), (f"no approved image {path.name}; render it, look at it, and "
                            "approve it with POSITIONS_APPROVE=1")
    approved = QImage(str(path))
    assert (image.width(), image.height()) == (approved.width(), approved.height()), (
        f"{name}: size {image.width()}×{image.height()}, approved "
        f"{approved.width()}×{approved.height()}")
    new, old = pixels(image), pixels(approved)
    differing = np.abs(new - old).max(axis=2) > pixel_threshold
    share = float(differing.mean())
    if share > max_differing:
        FAILED.mkdir(parents=True, exist_ok=True)
        image.save(str(FAILED / f"{name}.png"))
        red = np.zeros((image.height(), image.width(), 3), dtype=np.uint8)
        red[differing] = (255, 0, 0)
        diff = QImage(red.tobytes(), image.width(), image.height(), image.width() * 3,
                      QImage.Format.Format_RGB888).copy()
        diff.save(str(FAILED / f"{name}-diff.png"))
        raise AssertionError(f"{name}: {share:.2%} of pixels differ (limit "
                             f"{max_differing:.2%}); see {FAILED}")
