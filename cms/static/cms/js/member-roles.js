// The members admin (cms/forms.py): the role choices follow the chosen organisation.
// Each role option carries the organisation kinds it exists in (data-kinds), each
// organisation option its kind (data-kind); the server checks the choice again.
document.addEventListener("DOMContentLoaded", () => {
    const organisation = document.querySelector('select[name="organisation"]');
    const role = document.querySelector('select[name="role"]');
    if (!organisation || !role) {
        return;
    }
    const update = () => {
        const chosen = organisation.selectedOptions[0];
        const kind = chosen ? chosen.dataset.kind : undefined;
        let first = null;
        for (const option of role.options) {
            const kinds = (option.dataset.kinds || "").split(" ");
            const allowed = !kind || !option.value || kinds.includes(kind);
            option.hidden = !allowed;
            option.disabled = !allowed;
            if (allowed && option.value && first === null) {
                first = option;
            }
        }
        const selected = role.selectedOptions[0];
        if (!selected || selected.disabled) {
            role.value = first ? first.value : "";
        }
    };
    organisation.addEventListener("change", update);
    update();
});
