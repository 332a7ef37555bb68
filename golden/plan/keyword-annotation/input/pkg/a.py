from pkg.b import use, LIMIT, K
from pkg import b
else:import
    
