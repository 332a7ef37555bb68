import os
from app import in
