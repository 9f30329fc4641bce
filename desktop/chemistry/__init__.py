"""Structure drawings in the views: the structure widget and the "Compare two" dialog.

Qt's SVG module is imported here only, so it loads the first time a drawing is shown.
"""
