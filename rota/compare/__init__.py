"""Compare policies: the same weeks under several policies, measured by the
rules' own evaluation of each rota, serially or fanned out on Dask."""

from .charts import figures as figures
from .charts import write_charts_html as write_charts_html
from .comparison import Comparison as Comparison
from .comparison import compare as compare
from .comparison import load_policies as load_policies
from .fanout import CompareError as CompareError
from .outputs import write_comparison as write_comparison
from .runs import RunOutcome as RunOutcome
from .runs import run_one as run_one
from .summary import summarise as summarise
from .variants import vary_week as vary_week
from .variants import week_variants as week_variants
