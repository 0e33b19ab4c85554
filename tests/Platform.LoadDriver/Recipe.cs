using System.Text;

namespace Platform.LoadDriver;

/// <summary>The benchmark tenant's recipe: one unit, a generated bank of 5× the questions per attempt, one open contest.</summary>
internal static class Recipe
{
    public static string Write(string folder, int questions, string contest)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "units.csv"), "Code,Name,ParentCode,Block,Headcount\nU1,Đơn vị thử,,Khối thử,100\n");
        var csv = new StringBuilder("Code,Topic,Difficulty,Question,A,B,C,D,E,F,Correct,Source,Explanation\n");
        for (var i = 1; i <= Math.Max(questions * 5, 100); i++)
        {
            csv.Append(FormattableString.Invariant($"Q{i:0000},Chủ đề {i % 4},{1 + (i % 3)},Câu hỏi thử số {i}?,Phương án A,Phương án B,Phương án C,Phương án D,,,{"ABCD"[i % 4]},Dữ liệu thử tải,\n"));
        }

        File.WriteAllText(Path.Combine(folder, "questions.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "recipe.json"), FormattableString.Invariant($$"""
            { "displayName": "Thử tải", "steps": [
              { "name": "settings", "culture": "vi-VN", "timeZone": "Asia/Ho_Chi_Minh" },
              { "name": "roles" },
              { "name": "units", "file": "units.csv" },
              { "name": "questions", "file": "questions.csv" },
              { "name": "contest", "slug": "{{contest}}", "title": "Thử tải", "opensAt": "setup-P1D", "closesAt": "setup+P1D",
                "questionsPerAttempt": {{questions}}, "timeLimitSeconds": 14400, "graceSeconds": 30, "attemptsAllowed": 1000,
                "attemptsPer": "contest", "counts": "best", "minimumAge": 15, "groups": [ { "code": "N1", "name": "Nhóm 1" } ],
                "prediction": { "prompt": "Dự đoán?", "predicts": "allCorrectEntries" } } ] }
            """));
        return folder;
    }
}
