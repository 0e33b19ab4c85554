using Content.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Contests;
using Platform.Core.Localization;
using Platform.Core.Tenancy;

namespace Content.Pages.Admin.Share;

/// <summary>Links to share: the home and each contest with their QR codes, and the banner to embed in another site.</summary>
[Authorize(Policy = ContentModule.ManageContent)]
internal sealed class IndexModel(IContestData contests, ITenantContext tenant, AdminText t) : PageModel
{
    /// <summary>The banner's button: the banner goes on public sites, so it stays in the public site's language.</summary>
    public const string JoinText = "Tham gia ngay";

    /// <param name="Title">What the link opens.</param>
    /// <param name="Path">Its path inside the tenant ("/" for the home).</param>
    /// <param name="Url">Its absolute address.</param>
    public sealed record Target(string Title, string Path, string Url);

    public List<Target> Targets { get; } = [];

    /// <summary>The banner's link: a target's path.</summary>
    [BindProperty(SupportsGet = true)]
    public string? BannerPath { get; set; }

    /// <summary>The line under the banner's title.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Subtitle { get; set; }

    public string DisplayName => tenant.Tenant!.DisplayName;

    public Target Banner { get; private set; } = null!;

    public string BannerHtml { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pathBase = Request.PathBase.Value ?? string.Empty;
        var site = $"{Request.Scheme}://{Request.Host}{pathBase}";
        Targets.Add(new Target(t["Trang chủ"], "/", site + "/"));
        foreach (var contest in (await contests.ListContestsAsync(cancellationToken)).OrderByDescending(c => c.OpensAt))
        {
            var path = $"/cuoc-thi/{contest.Slug}";
            Targets.Add(new Target(contest.IsPractice ? t.F("{0} (thi thử)", contest.Title) : contest.Title, path, site + path));
        }

        Banner = Targets.Find(t => t.Path == BannerPath) ?? Targets[0];
        BannerPath = Banner.Path;
        Subtitle = Subtitle?.Trim() is { Length: > 0 } subtitle ? subtitle[..Math.Min(subtitle.Length, 200)] : null;
        BannerHtml = ShareLinks.BannerHtml(Banner.Url, DisplayName, Subtitle, JoinText);
    }
}
