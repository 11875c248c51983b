"""Sales data: reading files, column mapping, validation with full row accounting, resampling, profiling."""

from salesdata.auxiliary import (
    ITEM_FIELDS,
    AuxiliaryReport,
    ItemMaster,
    PlannedDrivers,
    StockoutLog,
    SupplierTerms,
    aux_reason_text,
    detect_item_columns,
    load_item_master,
    load_planned_drivers,
    load_stockouts,
    load_suppliers,
)
from salesdata.dataset import SalesDataset, ValidationReport, build_dataset, describe_report, refuse_finer
from salesdata.demos import DEMOS, Demo, demo_files
from salesdata.errors import (
    AmbiguousDateError,
    FileReadError,
    FrequencyError,
    LimitError,
    MappingError,
    SalesDataError,
)
from salesdata.export import csv_bytes, neutralise_formulas, xlsx_bytes
from salesdata.frequency import WEEKDAYS, FrequencyGuess, infer_frequency
from salesdata.inspection import Inspection, Proposal, contract_roles, find_doubts, inspect_file, propose
from salesdata.mapping import ROLES, SYNONYMS, ColumnMapping, LayoutGuess, MappingGuess, detect_layout, detect_mapping
from salesdata.parsing import parse_dates, parse_flags, parse_numbers
from salesdata.profile import DatasetSummary, abc_classes, demand_class, profile_panel, summarise, xyz_classes
from salesdata.reading import RawTable, ReadOptions, detect_delimiter, detect_encoding, list_sheets, read_table
from salesdata.resample import FREQ_ALIASES, Freq, apply_stockouts, to_panel
from salesdata.settings import ReadingSettings, settings_from_json, settings_to_json
from salesdata.stockouts import detect_stockouts, estimate_lost_sales
from salesdata.validation import REASONS, WARNINGS, IngestOptions, validate_rows

__all__ = [
    "DEMOS",
    "FREQ_ALIASES",
    "ITEM_FIELDS",
    "REASONS",
    "ROLES",
    "SYNONYMS",
    "WARNINGS",
    "WEEKDAYS",
    "AmbiguousDateError",
    "AuxiliaryReport",
    "ColumnMapping",
    "DatasetSummary",
    "Demo",
    "FileReadError",
    "Freq",
    "FrequencyError",
    "FrequencyGuess",
    "IngestOptions",
    "Inspection",
    "ItemMaster",
    "LayoutGuess",
    "LimitError",
    "MappingError",
    "MappingGuess",
    "PlannedDrivers",
    "Proposal",
    "RawTable",
    "ReadOptions",
    "ReadingSettings",
    "SalesDataError",
    "SalesDataset",
    "StockoutLog",
    "SupplierTerms",
    "ValidationReport",
    "abc_classes",
    "apply_stockouts",
    "aux_reason_text",
    "build_dataset",
    "contract_roles",
    "csv_bytes",
    "demand_class",
    "demo_files",
    "describe_report",
    "detect_delimiter",
    "detect_encoding",
    "detect_item_columns",
    "detect_layout",
    "detect_mapping",
    "detect_stockouts",
    "estimate_lost_sales",
    "find_doubts",
    "infer_frequency",
    "inspect_file",
    "list_sheets",
    "load_item_master",
    "load_planned_drivers",
    "load_stockouts",
    "load_suppliers",
    "neutralise_formulas",
    "parse_dates",
    "parse_flags",
    "parse_numbers",
    "profile_panel",
    "propose",
    "read_table",
    "refuse_finer",
    "settings_from_json",
    "settings_to_json",
    "summarise",
    "to_panel",
    "validate_rows",
    "xlsx_bytes",
    "xyz_classes",
]
