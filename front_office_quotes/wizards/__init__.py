from . import front_office_booking_wizard
from . import front_office_payment_wizard
from . import front_office_slot_finder
from . import sms_composer
