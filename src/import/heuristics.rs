//! The numbers the import judges a layout by, in one place: how long a
//! heading, a caption or a wrapped name may be, how far apart the pieces
//! of a heading may stand, how many pages a running head repeats on.
//! Each was set on the booklets and documents the tests read (mol-109 in
//! every extraction, the Word cases of `tests/fixtures/import/word/`, the
//! shapes), with room to spare; each says what it measures and in what
//! unit. The bounds that keep a hostile file in check are not heuristics:
//! they are in `pdf::limits` and `word` (`MAX_PART`, `MAX_NODES`,
//! `MAX_ENTRIES`).

// Page furniture (`furniture`).

/// How many lines at the head and at the foot of a page may be its running
/// head or foot.
pub(in crate::import) const RUNNING_ZONE: usize = 3;
/// The fewest pages a line must repeat on to be a running head or foot.
pub(in crate::import) const RUNNING_PAGES_LEAST: usize = 3;

// Parts and headings (`blocks`, `untabbed`, `word`, `policy`).

/// The longest heading, in characters, of a further part told by its
/// number alone (`四、其他`).
pub(in crate::import) const FURTHER_PART_MOST: usize = 16;
/// The longest a chapter heading told by its label alone may be, in
/// characters after the label (`一、機關主要職掌`); a longer paragraph is
/// an entry.
pub(in crate::import) const CHAPTER_HEADING_MOST: usize = 30;
/// The longest a typed 目次 entry's page number may be, in digits.
pub(in crate::import) const TOC_PAGE_DIGITS: usize = 4;
/// The longest goal, in characters, read as one without a label.
pub(in crate::import) const GOAL_TITLE_MOST: usize = 30;
/// The deepest a heading's wrapped line is indented (in places): under the
/// heading's text, past its label.
pub(in crate::import) const WRAP_INDENT_MOST: usize = 8;

// Tables and their captions (`blocks`, `untabbed`, `budget`).

/// The longest a unit caption is, in characters (`單位：新臺幣千元，人`).
pub(in crate::import) const UNIT_CAPTION_MOST: usize = 24;
/// How many lines below the budget table's heading its unit caption may
/// stand.
pub(in crate::import) const BUDGET_CAPTION_WITHIN: usize = 4;
/// The fewest boxes a table of boxes has to be read as an org chart.
pub(in crate::import) const CHART_TABLE_BOXES_LEAST: usize = 4;
/// The most lines a header row is printed over (text without places).
pub(in crate::import) const HEADER_ROW_LINES_MOST: usize = 3;
/// How far apart (in characters) the pieces of one column heading may
/// start on their lines: a heading centred in its column starts a little
/// right of a longer one above it.
pub(in crate::import) const HEADER_PIECE_NEAR: usize = 4;
/// The longest piece of a header line, in characters.
pub(in crate::import) const HEADER_PIECE_LONGEST: usize = 8;
/// The most lines a further part's table header is printed over (text
/// with places).
pub(in crate::import) const PLACED_HEADER_LINES_MOST: usize = 3;
/// The fewest headings under a group's heading.
pub(in crate::import) const GROUP_HEADINGS_LEAST: usize = 2;
/// The most characters of an agency's name that wrap onto a line of their
/// own under its row in a staffing table.
pub(in crate::import) const WRAPPED_NAME_MOST: usize = 4;
/// How many lines under a numbered heading are looked at for figures of a
/// table that could not be read.
pub(in crate::import) const UNREAD_TABLE_LINES: usize = 8;

// Text by position (`pdf::position`).

/// The gap between two baselines, in ems of the body text, past which a
/// blank line stands between them.
pub(in crate::import) const BLANK_LINE_GAP: f32 = 2.5;
