"""Analysis of articles for drafting: sentences, condensation, synthesis, predictions.

Qt-free and plain-data: everything here works on :class:`~briefing.core.article.Article`
objects and the :class:`Sentence` records split from them, deterministically and offline.
"""
