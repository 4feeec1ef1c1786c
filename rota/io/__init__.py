"""Files in and out: the CSV folder, Excel, the contract's outputs, iCalendar."""

from .inputs_writer import write_folder as write_folder
