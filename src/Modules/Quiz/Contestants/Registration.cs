using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Identity;
using Platform.Core.Tenancy;
using Quiz.Api;
using Quiz.Data;

namespace Quiz.Contestants;

/// <summary>Body of <c>POST account/register</c> (CONTRACT.md).</summary>
public sealed record RegisterRequest(
    string? FullName,
    string? DateOfBirth,
    string? Gender,
    string? CitizenId,
    string? Phone,
    string? Email,
    string? GroupCode,
    string? UnitCode,
    string? Password,
    bool? Consent);

/// <summary>Answer of a registration.</summary>
/// <param name="ContestantId">The new contestant.</param>
public sealed record Registered(long ContestantId);

/// <summary>The consent text contestants accept (Decree 13/2023/NĐ-CP on personal data protection).</summary>
public static class Consent
{
    /// <summary>Version recorded with each consent; change it whenever the text changes.</summary>
    public const string Version = "2023-07-01.1";

    /// <summary>The text shown at registration.</summary>
    public const string Text =
        "Tôi đồng ý để Ban Tổ chức xử lý các dữ liệu cá nhân tôi khai báo (họ tên, ngày sinh, số CCCD, số điện thoại, "
        + "thư điện tử, đơn vị) chỉ cho mục đích tổ chức cuộc thi, xét và trao giải, theo Nghị định số 13/2023/NĐ-CP "
        + "về bảo vệ dữ liệu cá nhân. Số CCCD, số điện thoại và ngày sinh không bao giờ được công khai.";
}

/// <summary>The rules of registration fields.</summary>
public static class RegistrationRules
{
    /// <summary>A citizen id (CCCD) is exactly 12 digits.</summary>
    public static bool IsCitizenId(string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);

    /// <summary>A Vietnamese mobile number normalized to <c>0xxxxxxxxx</c> (prefixes 03, 05, 07, 08, 09), or null.</summary>
    public static string? NormalizeMobile(string? value)
    {
        var phone = value is null ? null : UserLookup.NormalizePhone(value);
        return phone is not null && "35789".Contains(phone[1], StringComparison.Ordinal) ? phone : null;
    }

    /// <summary>Parses <c>yyyy-MM-dd</c> strictly.</summary>
    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>Registers contestants: an account (user name = citizen id) and a contestant row, then signs in.</summary>
public sealed class RegistrationService(
    QuizDbContext db,
    UserManager<PlatformUser> users,
    SignInManager<PlatformUser> signIn,
    ITenantContext tenantContext,
    TimeProvider clock)
{
    /// <summary>Validates and registers; throws <see cref="QuizProblemException"/> with errors by field.</summary>
    public async Task<Registered> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenantContext.Tenant ?? throw new InvalidOperationException("Registration happens in a tenant.");
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var fullName = request.FullName?.Trim();
        if (string.IsNullOrWhiteSpace(fullName) || fullName.Length > 200)
        {
            errors["fullName"] = ["Nhập họ và tên (tối đa 200 ký tự)."];
        }

        var birth = RegistrationRules.ParseDate(request.DateOfBirth);
        var today = tenant.LocalDate(now);
        if (birth is null || birth > today || TenantTime.AgeOn(birth.Value, today) > 120)
        {
            errors["dateOfBirth"] = ["Ngày sinh không hợp lệ (dạng yyyy-MM-dd)."];
        }

        if (!RegistrationRules.IsCitizenId(request.CitizenId))
        {
            errors["citizenId"] = ["Số CCCD gồm đúng 12 chữ số."];
        }

        var phone = RegistrationRules.NormalizeMobile(request.Phone);
        if (phone is null)
        {
            errors["phone"] = ["Số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."];
        }

        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && (email.Length > 256 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors["email"] = ["Thư điện tử không hợp lệ."];
        }

        var contests = await db.Contests.AsNoTracking().ToListAsync(cancellationToken);
        var groups = contests.SelectMany(c => c.Groups).Select(g => g.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (request.GroupCode is null || !groups.Contains(request.GroupCode))
        {
            errors["groupCode"] = ["Chọn nhóm đối tượng."];
        }

        if (request.UnitCode is null || !await db.Units.AnyAsync(u => u.Code == request.UnitCode, cancellationToken))
        {
            errors["unitCode"] = ["Chọn đơn vị trong danh sách."];
        }

        if (request.Consent != true)
        {
            errors["consent"] = ["Cần đồng ý cho phép xử lý dữ liệu cá nhân để dự thi."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Nhập mật khẩu."];
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, null!, request.Password);
                if (!result.Succeeded)
                {
                    errors["password"] = ["Mật khẩu cần ít nhất 8 ký tự, có chữ thường và chữ số."];
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw QuizProblemException.Validation(errors);
        }

        var eligible = contests.Where(c => c.Groups.Any(g => string.Equals(g.Code, request.GroupCode, StringComparison.OrdinalIgnoreCase)))
            .Any(c => TenantTime.AgeOn(birth!.Value, tenant.LocalDate(c.OpensAt)) >= c.MinimumAge);
        if (!eligible)
        {
            throw new QuizProblemException("not-eligible", StatusCodes.Status403Forbidden, "Chưa đủ tuổi dự thi theo thể lệ.");
        }

        if (await db.Contestants.AnyAsync(c => c.CitizenId == request.CitizenId || c.Phone == phone, cancellationToken)
            || await users.FindByNameAsync(request.CitizenId!) is not null)
        {
            throw Duplicate();
        }

        var user = new PlatformUser { UserName = request.CitizenId, PhoneNumber = phone, Email = email, DisplayName = fullName, CreatedAt = now, LockoutEnabled = true };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            throw created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? Duplicate() : QuizProblemException.Validation("password", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, PlatformRoles.Contestant);
        var contestant = new Contestant
        {
            UserId = user.Id,
            FullName = fullName!,
            DateOfBirth = birth!.Value,
            Gender = string.IsNullOrWhiteSpace(request.Gender) ? null : request.Gender.Trim(),
            CitizenId = request.CitizenId!,
            Phone = phone!,
            Email = email,
            GroupCode = groups.First(g => string.Equals(g, request.GroupCode, StringComparison.OrdinalIgnoreCase)),
            UnitCode = request.UnitCode!,
            ConsentedAt = now,
            ConsentVersion = Consent.Version,
            CreatedAt = now,
        };
        db.Contestants.Add(contestant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same citizen id or phone registered at the same moment: undo the account, nothing half-made stays.
            await users.DeleteAsync(user);
            throw Duplicate();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return new Registered(contestant.Id);
    }

    private static QuizProblemException Duplicate() =>
        new("duplicate-account", StatusCodes.Status409Conflict, "Số CCCD hoặc số điện thoại này đã đăng ký. Hãy đăng nhập.");
}
