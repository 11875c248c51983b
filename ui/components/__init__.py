"""Widget groups and panels shared by the pages. They read ``ui.data`` and draw with ``ui.charts``; they never
import a page (``ui.views``) or the frame."""
