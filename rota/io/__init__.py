"""Files in and out: the CSV folder, Excel, the contract's outputs, iCalendar."""

from .excel_export import write_excel as write_excel
from .ical import write_ical as write_ical
from .inputs_writer import folder_texts as folder_texts
from .inputs_writer import write_folder as write_folder
from .issues import DataError as DataError
from .issues import DataIssue as DataIssue
from .issues import LoadResult as LoadResult
from .outputs import read_rota_csv as read_rota_csv
from .outputs import write_asks_csv as write_asks_csv
from .outputs import write_outputs as write_outputs
from .outputs import write_rota_csv as write_rota_csv
from .outputs import write_summary_json as write_summary_json
from .outputs import write_unmet_csv as write_unmet_csv
from .reader import load as load
from .reader import load_problem as load_problem
from .reader import load_texts as load_texts
from .reader import load_upload as load_upload
from .safe_write import NO_ROTA_FILE as NO_ROTA_FILE
from .safe_write import OutputError as OutputError
from .safe_write import check_output_folder as check_output_folder
from .safe_write import staged_outputs as staged_outputs
from .safe_write import write_no_rota as write_no_rota
from .warnings import data_warnings as data_warnings
