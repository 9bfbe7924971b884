/*
 * DER UTCTime and GeneralizedTime to seconds since the epoch (X.690 11.7,
 * 11.8; RFC 5280 4.1.2.5.1 and 4.1.2.5.2).
 */
#include "asn1/asn1_internal.h"
#include "common/try_internal.h"

/* Days before the first of each month in a common year. */
static const uint16_t days_before_month[12] = {0,   31,  59,  90,  120, 151,
                                               181, 212, 243, 273, 304, 334};

static int is_leap(unsigned year)
{
    return (year % 4u == 0 && year % 100u != 0) || year % 400u == 0;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const uint8_t dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return dim[month - 1] + (month == 2 && is_leap(year) ? 1u : 0u);
}

/* Days from 0000-01-01 to year-01-01 (proleptic Gregorian; year 0 is a
 * leap year). */
static int64_t days_to_year(unsigned year)
{
    int64_t leaps = 0;
    if (year > 0) {
        unsigned y = year - 1;
        leaps = 1 + (int64_t)(y / 4u) - (int64_t)(y / 100u) + (int64_t)(y / 400u);
    }
    return (int64_t)365 * year + leaps;
}

/* see src/asn1/asn1_internal.h */
int64_t tern_der_civil_to_time(unsigned year, unsigned month, unsigned day, unsigned hour,
                               unsigned minute, unsigned second)
{
    int64_t days = days_to_year(year) - days_to_year(1970);
    days += days_before_month[month - 1];
    if (month > 2 && is_leap(year)) {
        days++;
    }
    days += (int64_t)day - 1;
    return days * 86400 + (int64_t)hour * 3600 + (int64_t)minute * 60 + (int64_t)second;
}

/* Two decimal digits at p. */
static int two_digits(const uint8_t *p, unsigned *v)
{
    TERN_ENSURE(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9', TERN_ERR_ASN1);
    *v = (unsigned)(p[0] - '0') * 10u + (unsigned)(p[1] - '0');
    return TERN_OK;
}

/* "MMDDHHMMSSZ" at p (11 octets) with the year already known. */
static int month_to_zulu(const uint8_t *p, unsigned year, int64_t *t)
{
    unsigned month, day, hour, minute, second;

    TERN_TRY(two_digits(p, &month));
    TERN_TRY(two_digits(p + 2, &day));
    TERN_TRY(two_digits(p + 4, &hour));
    TERN_TRY(two_digits(p + 6, &minute));
    TERN_TRY(two_digits(p + 8, &second));
    TERN_ENSURE(p[10] == 'Z', TERN_ERR_ASN1);
    TERN_ENSURE(month >= 1 && month <= 12, TERN_ERR_ASN1);
    TERN_ENSURE(day >= 1 && day <= days_in_month(year, month), TERN_ERR_ASN1);
    TERN_ENSURE(hour <= 23 && minute <= 59 && second <= 59, TERN_ERR_ASN1);
    *t = tern_der_civil_to_time(year, month, day, hour, minute, second);
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_decode_utc_time(const uint8_t *p, size_t len, int64_t *t)
{
    unsigned yy;

    /* YYMMDDHHMMSSZ: RFC 5280 4.1.2.5.1 (seconds present, 'Z'). */
    TERN_ENSURE(len == 13, TERN_ERR_ASN1);
    TERN_TRY(two_digits(p, &yy));
    /* RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, YY < 50 is 20YY. */
    return month_to_zulu(p + 2, yy >= 50 ? 1900u + yy : 2000u + yy, t);
}

/* see src/asn1/asn1_internal.h */
int tern_der_decode_generalized_time(const uint8_t *p, size_t len, int64_t *t)
{
    unsigned hi, lo;

    /* YYYYMMDDHHMMSSZ: RFC 5280 4.1.2.5.2 (seconds present, no fraction,
     * 'Z'). A fraction or an offset makes the length differ. */
    TERN_ENSURE(len == 15, TERN_ERR_ASN1);
    TERN_TRY(two_digits(p, &hi));
    TERN_TRY(two_digits(p + 2, &lo));
    return month_to_zulu(p + 4, hi * 100u + lo, t);
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_time(tern_reader *r, int64_t *t)
{
    tern_reader copy = *r;
    tern_der_elem e;
    int64_t v;

    TERN_TRY(tern_der_read_any(&copy, &e));
    if (e.tag == TERN_DER_UTC_TIME) {
        TERN_TRY(tern_der_decode_utc_time(e.val, e.len, &v));
    } else if (e.tag == TERN_DER_GENERALIZED_TIME) {
        TERN_TRY(tern_der_decode_generalized_time(e.val, e.len, &v));
    } else {
        return TERN_ERR_ASN1;
    }
    *t = v;
    *r = copy;
    return TERN_OK;
}
