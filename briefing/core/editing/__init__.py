"""Operations on a briefing, each returning the :class:`Changes` it made.

The editor's document session runs them as undoable steps and tells its views what changed; the
command line and tests call them directly. Nothing here knows about Qt or undo.
"""

from briefing.core.editing.changes import NOTHING, Changes
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
    field_update,
    parse_value,
    prediction_values,
    remove_prediction,
    set_prediction_fields,
)
from briefing.core.editing.sections import (
    BlockRef,
    add_section,
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
    edit_source,
    next_source_id,
    remove_source,
)

__all__ = [
    "META_FIELDS",
    "NOTHING",
    "TOP_FIELDS",
    "BlockRef",
    "Changes",
    "LibrarySource",
    "SourceFields",
    "add_library_source",
    "add_prediction",
    "add_section",
    "add_sources",
    "edit_source",
    "field_update",
    "field_value",
    "insert_blocks",
    "insert_library_source",
    "move_section",
    "new_section_id",
    "next_source_id",
    "parse_value",
    "prediction_values",
    "remove_prediction",
    "remove_section",
    "remove_source",
    "rename_section",
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
