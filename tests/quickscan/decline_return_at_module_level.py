import os
return os
