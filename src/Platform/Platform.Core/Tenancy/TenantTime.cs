namespace Platform.Core.Tenancy;

/// <summary>The tenant's time zone at the edges: times are stored in UTC and shown, parsed and dated locally.</summary>
public static class TenantTime
{
    /// <summary>The tenant's time zone.</summary>
    public static TimeZoneInfo Zone(this TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
    }

    /// <summary>A UTC instant as the tenant's local time, with its offset (for ISO 8601 output).</summary>
    public static DateTimeOffset ToLocal(this TenantInfo tenant, DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), tenant.Zone());

    /// <summary>The tenant's calendar date at a UTC instant.</summary>
    public static DateOnly LocalDate(this TenantInfo tenant, DateTime utc) => DateOnly.FromDateTime(tenant.ToLocal(utc).DateTime);

    /// <summary>Completed years of age on <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
