using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// The contestant's pages on a small phone (360 × 740) against the sample tenant's open practice contest
/// <c>thi-thu</c> (10 questions per attempt, a prediction question, groups N1/N2, units from the sample recipe).
/// </summary>
[Collection(PlatformCollectionDefinition.Name)]
public sealed class ContestantFlowTests(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string Tenant = "/backan-2023";
    private const string ContestPath = Tenant + "/cuoc-thi/thi-thu";
    private const string Password = "thisinh2023";

    [Fact]
    public Task Contestant_RegistersAnswersOfflineAndSubmits_EveryOfflineAnswerIsSaved() => OnPhoneAsync(async page =>
    {
        var p = page.Page;
        await p.SetViewportSizeAsync(360, 740);

        // The contest page, signed out: rules, window, register and sign-in buttons.
        await page.GotoAsync(ContestPath);
        await Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Thi thử");
        await Expect(p.Locator("[data-countdown-value]")).ToContainTextAsync("ngày");
        await ShotAsync(p, "01-contest");
        await p.Locator(".actions").GetByRole(AriaRole.Link, new() { Name = "Đăng ký", Exact = true }).ClickAsync();

        // Registration.
        await Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đăng ký dự thi");
        var (citizenId, phone) = NewIdentity();
        await FillRegistrationAsync(p, citizenId, phone);
        await ShotAsync(p, "02-register");
        await p.GetByRole(AriaRole.Button, new() { Name = "Đăng ký", Exact = true }).ClickAsync();

        // Back on the contest, signed in: "Vào thi".
        await p.WaitForURLAsync(Server.Url(ContestPath).ToString());
        var start = p.GetByRole(AriaRole.Button, new() { Name = "Vào thi", Exact = true });
        await Expect(start).ToBeVisibleAsync();
        await ShotAsync(p, "03-contest-signed-in");
        await start.ClickAsync();
        await p.WaitForURLAsync(new Regex("/bai-thi/[0-9a-f-]{36}$"));
        var attemptId = p.Url[(p.Url.LastIndexOf('/') + 1)..];

        // Online: each choice is saved at once.
        var status = p.Locator("[data-status]");
        await Expect(p.Locator(".question.is-current legend")).ToContainTextAsync("Câu 1/10.");
        await Expect(p.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex(@"^14:5\d$")); // 15 minutes by the server's clock, counting down
        for (var i = 0; i < 3; i++)
        {
            await AnswerCurrentAsync(p, option: i % 4);
            await Expect(status).ToHaveTextAsync("Đã lưu");
            await p.GetByRole(AriaRole.Button, new() { Name = "Câu sau ›" }).ClickAsync();
        }

        var online = await CheckedAnswersAsync(p);
        Assert.Equal(3, online.Count);
        await ShotAsync(p, "04-attempt-online");

        // Offline: choices are queued on the phone, in order, and the indicator says so.
        await p.Context.SetOfflineAsync(true);
        var offlineOrder = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            offlineOrder.Add(await AnswerCurrentAsync(p, option: (i + 1) % 4));
            await p.GetByRole(AriaRole.Button, new() { Name = "Câu sau ›" }).ClickAsync();
        }

        var offline = (await CheckedAnswersAsync(p)).Where(a => offlineOrder.Contains(a.Key)).ToDictionary();
        await Expect(status).ToHaveTextAsync("Chưa gửi được — sẽ gửi lại (3 câu)");
        var queued = await p.EvaluateAsync<JsonElement>("id => JSON.parse(localStorage.getItem('quiz.queue.' + id))", attemptId);
        Assert.Equal(offlineOrder, queued.EnumerateArray().Select(e => e.GetProperty("q").GetString()!));
        await ShotAsync(p, "05-offline-queued");

        // Back online: the queue drains by itself.
        await p.Context.SetOfflineAsync(false);
        await Expect(status).ToHaveTextAsync("Đã lưu", new() { Timeout = 30_000 });
        Assert.Equal(JsonValueKind.Null, (await p.EvaluateAsync<JsonElement>("id => localStorage.getItem('quiz.queue.' + id)", attemptId)).ValueKind);
        await ShotAsync(p, "06-back-online");

        // The prediction, then submit with four questions left unanswered.
        await p.GetByRole(AriaRole.Button, new() { Name = "Câu hỏi dự đoán" }).ClickAsync();
        await p.GetByLabel("Theo bạn, sẽ có bao nhiêu bài thi trả lời đúng tất cả các câu hỏi?").FillAsync("125");
        await p.GetByRole(AriaRole.Button, new() { Name = "Nộp bài", Exact = true }).ClickAsync();
        var dialog = p.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Bạn còn 4 câu chưa trả lời.");
        await ShotAsync(p, "07-confirm-submit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nộp bài" }).ClickAsync();

        // The result page.
        await p.WaitForURLAsync(Server.Url($"{Tenant}/ket-qua-bai-thi/{attemptId}").ToString());
        await Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kết quả bài thi");
        await Expect(p.Locator(".score")).ToContainTextAsync("/10");
        await Expect(p.Locator(".badges")).ToContainTextAsync("Đã nộp");
        await ShotAsync(p, "08-result");

        // Through the API: every answer, the offline ones included, was saved.
        var api = await p.Context.APIRequest.GetAsync(Server.Url($"{Tenant}/api/v1/attempts/{attemptId}").ToString());
        Assert.Equal(200, api.Status);
        var attempt = (await api.JsonAsync())!.Value;
        Assert.Equal("submitted", attempt.GetProperty("state").GetString());
        var saved = attempt.GetProperty("answers").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString());
        foreach (var (question, option) in online.Concat(offline))
        {
            Assert.True(saved.TryGetValue(question, out var savedOption), $"Question {question} has no saved answer.");
            Assert.Equal(option, savedOption);
        }

        Assert.Equal(6, saved.Count);
        Assert.Equal(10, attempt.GetProperty("result").GetProperty("questionCount").GetInt32());

        // My attempts lists it.
        await p.GetByRole(AriaRole.Link, new() { Name = "Bài thi của tôi" }).First.ClickAsync();
        await Expect(p.Locator(".attempt-list .card")).ToHaveCountAsync(1);
        await Expect(p.Locator(".attempt-list")).ToContainTextAsync("Đã nộp");

        AssertNoConsoleErrorsBut(page, "ERR_INTERNET_DISCONNECTED"); // the browser logs each request it could not make offline
    });

    [Fact]
    public Task Register_WhenTheServerRefusesAField_ShowsItsMessageNextToThatField() => OnPhoneAsync(async page =>
    {
        var p = page.Page;
        await p.SetViewportSizeAsync(360, 740);
        await page.GotoAsync(Tenant + "/dang-ky");
        var (citizenId, _) = NewIdentity();
        await FillRegistrationAsync(p, citizenId, phone: "0209387000"); // a landline: only the server knows the mobile prefixes

        await p.GetByRole(AriaRole.Button, new() { Name = "Đăng ký", Exact = true }).ClickAsync();

        var error = p.Locator("#phone-error");
        await Expect(error).ToHaveTextAsync("Số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.");
        await Expect(p.GetByLabel(Starts("Số điện thoại di động"))).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(p.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Vui lòng sửa các mục được đánh dấu");
        Assert.EndsWith(Tenant + "/dang-ky", new Uri(p.Url).AbsolutePath, StringComparison.Ordinal);
        AssertNoConsoleErrorsBut(page, "status of 400"); // the browser logs the API's refusal itself
    });

    [Fact]
    public Task SignIn_WithPhoneNumber_ReturnsToTheContestReadyToStart() => OnPhoneAsync(async page =>
    {
        var p = page.Page;
        await p.SetViewportSizeAsync(360, 740);
        var (citizenId, phone) = NewIdentity();
        var registered = await p.Context.APIRequest.PostAsync(Server.Url(Tenant + "/api/v1/account/register").ToString(), new()
        {
            DataObject = new
            {
                fullName = "Hoàng Thị Lan", dateOfBirth = "1995-03-08", citizenId, phone, groupCode = "N2", unitCode = "BK-TP", password = Password, consent = true,
            },
        });
        Assert.Equal(201, registered.Status);
        await p.Context.ClearCookiesAsync();

        await page.GotoAsync(ContestPath);
        await p.Locator(".actions").GetByRole(AriaRole.Link, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await p.GetByLabel("Số điện thoại hoặc số CCCD", new() { Exact = true }).FillAsync(phone);
        await p.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(Password);
        await ShotAsync(p, "sign-in");
        await p.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();

        await p.WaitForURLAsync(Server.Url(ContestPath).ToString());
        await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Vào thi", Exact = true })).ToBeVisibleAsync();
        await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" })).ToBeVisibleAsync();
        Assert.DoesNotContain(phone, await p.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(citizenId, await p.ContentAsync(), StringComparison.Ordinal);
        page.AssertNoConsoleErrors();
    });

    [Fact]
    public Task AttemptPage_WhenSignedOut_RedirectsToSignInAndComesBack() => OnPhoneAsync(async page =>
    {
        var path = $"{Tenant}/bai-thi/{Guid.NewGuid()}";

        await page.GotoAsync(path);

        var url = new Uri(page.Page.Url);
        Assert.Equal(Tenant + "/dang-nhap", url.AbsolutePath);
        Assert.Equal("?returnUrl=" + Uri.EscapeDataString(path), url.Query);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đăng nhập");
    });

    private static (string CitizenId, string Phone) NewIdentity() =>
        ($"0010{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}", $"09{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}");

    private static async Task FillRegistrationAsync(IPage p, string citizenId, string phone)
    {
        await p.GetByLabel(Starts("Họ và tên")).FillAsync("Nguyễn Văn An");
        await p.GetByLabel(Starts("Ngày sinh")).FillAsync("1990-05-17");
        await p.GetByLabel(Starts("Giới tính")).SelectOptionAsync("Nam");
        await p.GetByLabel(Starts("Số CCCD")).FillAsync(citizenId);
        await p.GetByLabel(Starts("Số điện thoại di động")).FillAsync(phone);
        await p.GetByRole(AriaRole.Radio, new() { Name = "Nhóm 2: Nhân dân trên địa bàn tỉnh" }).CheckAsync();
        await p.Locator("#unit-0").SelectOptionAsync("BK-BABE"); // the list comes from GET /api/v1/units
        await p.Locator("#unit-1").SelectOptionAsync(new SelectOptionValue { Index = 1 }); // a commune of Ba Bể
        await p.GetByLabel(Starts("Mật khẩu")).FillAsync(Password);
        await p.GetByLabel(Starts("Tôi đồng ý")).CheckAsync();
    }

    // Labels of required fields end with a "*" marker; a checkbox's label starts with the box itself.
    private static Regex Starts(string label) => new(@"^\s*" + Regex.Escape(label));

    /// <summary>Chooses an option of the question on screen; returns the question's id.</summary>
    private static async Task<string> AnswerCurrentAsync(IPage p, int option)
    {
        var question = p.Locator(".question.is-current");
        var id = await question.GetAttributeAsync("data-question") ?? throw new InvalidOperationException("No question on screen.");
        await question.Locator(".option").Nth(option).ClickAsync();
        await Expect(question.Locator("input").Nth(option)).ToBeCheckedAsync();
        return id;
    }

    private static async Task<Dictionary<string, string>> CheckedAnswersAsync(IPage p) =>
        (await p.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...document.querySelectorAll('[data-question]')].filter(q => q.querySelector('input:checked')).map(q => [q.dataset.question, q.querySelector('input:checked').value]))"))
        ?? [];

    private static void AssertNoConsoleErrorsBut(BrowserPage page, string expected)
    {
        var errors = page.ConsoleErrors.Where(e => !e.Contains(expected, StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} console error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    // From the top of the page, so the attempt page's sticky bar is drawn where the contestant sees it.
    private static async Task ShotAsync(IPage p, string step)
    {
        await p.EvaluateAsync("() => window.scrollTo(0, 0)");
        await p.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Screenshots, $"{nameof(ContestantFlowTests)}.{step}.png"), FullPage = true });
    }
}
