using System.Globalization;
using Content.Data;
using Content.Publishing;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin;

/// <summary>What the content admin pages share: times in the tenant's zone, field labels, errors by field.</summary>
internal static class ContentAdmin
{
    public const string TimeFormat = "dd/MM/yyyy HH:mm";

    /// <summary>A UTC time as the tenant reads it: dd/MM/yyyy HH:mm in its time zone.</summary>
    public static string Time(TenantInfo tenant, DateTime utc) => tenant.ToLocal(utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The Vietnamese label of a field named by <see cref="ContentValidationException.Field"/>.</summary>
    public static string Label(string field) => field switch
    {
        "slug" => "Địa chỉ",
        "title" => "Tiêu đề",
        "description" => "Mô tả",
        "summary" => "Tóm tắt",
        "cover" => "Ảnh bìa",
        "format" => "Định dạng",
        "body" => "Nội dung",
        "publishAt" => "Thời điểm đăng",
        "id" => string.Empty,
        _ => string.Empty,
    };

    /// <summary>The label of a body format.</summary>
    public static string FormatLabel(BodyFormat format) => format == BodyFormat.Markdown ? "Markdown" : "HTML";
}

/// <summary>An error of a form: the field it is about (empty: the whole form) and the message.</summary>
internal sealed record FieldError(string Field, string Message)
{
    public string Label => ContentAdmin.Label(Field);
}
