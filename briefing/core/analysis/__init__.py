"""Analysis of articles for drafting: sentences, condensation, synthesis, predictions.

Qt-free and plain-data: everything here works on :class:`~briefing.core.model.article.Article`
objects and the :class:`Sentence` records split from them, deterministically and offline.
:func:`analyse` runs it all for a set of sources; the pieces are public for the editor's
"Condense to N words" and for tests.
"""

from briefing.core.analysis.analyse import Analysis, analyse
from briefing.core.analysis.calls import is_call_to_action
from briefing.core.analysis.condense import Selection, condense, rank
from briefing.core.analysis.disagreements import Disagreement, Side, find_disagreements
from briefing.core.analysis.faq import Answer, FaqItem, QAPair, merge_faq, qa_pairs
from briefing.core.analysis.figures import Figure, find_figures
from briefing.core.analysis.forward import is_forward_looking
from briefing.core.analysis.labels import is_takeaway_label
from briefing.core.analysis.likelihood import estimative_term
from briefing.core.analysis.predictions import Candidate, merge_candidates, prediction_candidates
from briefing.core.analysis.records import Selected
from briefing.core.analysis.sentences import (
    Sentence,
    narrative_sentences,
    split_sentences,
    split_text,
    word_count,
)
from briefing.core.analysis.sources import MergedSentence, find_same_story, merge_duplicates
from briefing.core.analysis.takeaways import Takeaway, key_takeaways
from briefing.core.analysis.themes import Theme, group_by_theme
from briefing.core.analysis.timeframes import Timeframe, find_timeframe

__all__ = [
    "Analysis",
    "Answer",
    "Candidate",
    "Disagreement",
    "FaqItem",
    "Figure",
    "MergedSentence",
    "QAPair",
    "Selected",
    "Selection",
    "Sentence",
    "Side",
    "Takeaway",
    "Theme",
    "Timeframe",
    "analyse",
    "condense",
    "estimative_term",
    "find_disagreements",
    "find_figures",
    "find_same_story",
    "find_timeframe",
    "group_by_theme",
    "is_call_to_action",
    "is_forward_looking",
    "is_takeaway_label",
    "key_takeaways",
    "merge_duplicates",
    "merge_candidates",
    "merge_faq",
    "narrative_sentences",
    "prediction_candidates",
    "qa_pairs",
    "rank",
    "split_sentences",
    "split_text",
    "word_count",
]
