from . import account_move_line
from . import product_template
from . import res_partner
from . import sale_order
from . import sale_order_line
from . import sale_order_template
from . import front_office_booking
from . import resource_resource
