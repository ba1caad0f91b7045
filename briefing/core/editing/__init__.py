"""Operations on a briefing, each returning the :class:`Changes` it made.

The editor's document session runs them as undoable steps and tells its views what changed; the
command line and tests call them directly. Nothing here knows about Qt or undo.
"""

from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.editing.condense import MIN_WORDS, Capacity, resize_section, section_capacity
from briefing.core.editing.document import (
    META_FIELDS,
    TOP_FIELDS,
    field_value,
    set_field,
    switch_brand,
    switch_template,
)
from briefing.core.editing.memory import (
    LibrarySource,
    add_library_source,
    insert_library_source,
    set_calibration,
    set_resolution,
    show_changes,
)
from briefing.core.editing.predictions import (
    add_prediction,
    check_value,
    field_update,
    parse_value,
    prediction_values,
    remove_prediction,
    set_prediction_fields,
)
from briefing.core.editing.redraft import draft_empty_sections, import_sources, redraft_section
from briefing.core.editing.sections import (
    BlockRef,
    BlockUse,
    add_section,
    block_usage,
    insert_blocks,
    move_section,
    new_section_id,
    remove_section,
    rename_section,
    set_section_text,
    used_blocks,
)
from briefing.core.editing.sources import (
    SourceFields,
    add_sources,
    duplicate_of,
    edit_source,
    is_untitled,
    next_source_id,
    remove_source,
)

__all__ = [
    "META_FIELDS",
    "MIN_WORDS",
    "NOTHING",
    "TOP_FIELDS",
    "BlockRef",
    "BlockUse",
    "Capacity",
    "Changes",
    "LibrarySource",
    "SourceFields",
    "add_library_source",
    "add_prediction",
    "add_section",
    "add_sources",
    "block_usage",
    "check_value",
    "draft_empty_sections",
    "duplicate_of",
    "edit_source",
    "field_update",
    "field_value",
    "import_sources",
    "insert_blocks",
    "is_untitled",
    "insert_library_source",
    "move_section",
    "new_section_id",
    "next_source_id",
    "parse_value",
    "prediction_values",
    "redraft_section",
    "remove_prediction",
    "remove_section",
    "remove_source",
    "rename_section",
    "resize_section",
    "section_capacity",
    "set_calibration",
    "set_field",
    "set_prediction_fields",
    "set_resolution",
    "set_section_text",
    "show_changes",
    "switch_brand",
    "switch_template",
    "used_blocks",
]
