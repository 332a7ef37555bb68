if x:
	import os
