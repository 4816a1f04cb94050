from . import front_office_booking_wizard
